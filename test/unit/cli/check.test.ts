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
    expect(err.join('')).toMatch(/roles\/badtemplate\/templates\/conf\.j2:2:16: expected token 'name', got 'end of print statement'/)
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

  it('with -i, a variable no source defines is an error at its position; lookups must exist', async () => {
    const { err } = capture()
    expect(await main(['check', fixtures + 'lint/site.yml', '-i', fixtures + 'lint/hosts'])).toBe(1)
    const text = err.join('')
    expect(text).toMatch(/lint\/site\.yml:11:13: 'prot' is defined nowhere/)
    expect(text).toMatch(/lint\/site\.yml:13:\d+: lookup plugin \(envv\) not found \(did you mean 'env'\?\)/)
    // defined by register, play vars, the inventory, magic vars; or only read under default() / is defined
    expect(text).not.toMatch(/'(out|port|from_inventory|inventory_hostname|maybe|other)' is defined nowhere/)
  })

  it('without -i, the same variable is a warning (the inventory may define it), and -e defines it', async () => {
    const { err } = capture()
    expect(await main(['check', fixtures + 'lint/site.yml', '-e', 'envv=1'])).toBe(1) // the lookup is still wrong
    expect(err.join('')).toMatch(/warning: .*'prot' is defined nowhere .*pass -i to check against it/)
    const again = capture()
    await main(['check', fixtures + 'lint/site.yml', '-e', 'prot=1', '-e', 'from_inventory=1'])
    expect(again.err.join('')).not.toMatch(/'prot' is defined nowhere/)
  })

  it('needs a playbook', async () => {
    const { err } = capture()
    expect(await main(['check'])).toBe(2)
    expect(err.join('')).toContain('tsplay check needs a playbook')
  })
})
