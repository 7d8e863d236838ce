import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../../src/cli/main.js'

const fixtures = fileURLToPath(new URL('../playbook/fixtures/', import.meta.url))

function capture() {
  const out: string[] = []
  const err: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true))
  return { out, err }
}

describe('tsplay check', () => {
  afterEach(() => vi.restoreAllMocks())

  it('passes a good playbook and summarises it', async () => {
    const { out } = capture()
    expect(await main(['check', fixtures + 'good/site.yml'])).toBe(0)
    expect(out.join('')).toMatch(/site\.yml: ok — 2 plays, 22 tasks, 2 roles/)
  })

  it('fails a bad playbook with file:line and exit 1', async () => {
    const { err } = capture()
    expect(await main(['check', fixtures + 'bad/typo-key.yml'])).toBe(1)
    expect(err.join('')).toMatch(/typo-key\.yml:5:7: .*'notfiy'.*did you mean 'notify'/)
  })

  it('checks the syntax of role template files, at their own line', async () => {
    const { err } = capture()
    expect(await main(['check', fixtures + 'bad/bad-template-file.yml'])).toBe(1)
    expect(err.join('')).toMatch(/roles\/badtemplate\/templates\/conf\.j2:2: cannot parse template/)
  })

  it('reports every problem of a file in one pass, in line order: arguments, notify targets, keys, types', async () => {
    const { err } = capture()
    expect(await main(['check', fixtures + 'bad/many-problems.yml'])).toBe(1)
    const lines = err.join('').trim().split('\n')
    expect(lines.map((l) => /many-problems\.yml:(\d+):/.exec(l)?.[1])).toEqual(['4', '5', '8', '10', '13'])
    expect(lines[1]).toContain("notify: no handler named 'nope' and none listens to it")
    expect(lines[2]).toContain("unknown key 'notfiy' in task 'two' (did you mean 'notify'?)")
    expect(lines[3]).toContain("argument 'backup' of module 'copy' in task 'three' must be a boolean")
  })

  it('needs a playbook', async () => {
    const { err } = capture()
    expect(await main(['check'])).toBe(2)
    expect(err.join('')).toContain('tsplay check needs a playbook')
  })
})
