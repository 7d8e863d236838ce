// Every module is documented: a description, each argument of its schema described, and examples that
// `tsplay check` accepts as a playbook's tasks. `tsplay doc` shows what the schema says about each argument.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../../src/cli/main.js'
import { moduleDocs } from '../../../src/modules/docs/index.js'
import { modules, type ModuleName } from '../../../src/modules/index.js'
import { loadYaml } from '../../../src/util/yaml.js'

const names = Object.keys(modules) as ModuleName[]
const dir = mkdtempSync(join(tmpdir(), 'tsplay-docs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(() => vi.restoreAllMocks())

function capture() {
  const out: string[] = []
  const err: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true))
  return { out: () => out.join(''), err: () => err.join('') }
}

describe.each(names)('module %s', (name) => {
  const doc = moduleDocs[name]
  const props = Object.keys((modules[name].schema.properties ?? {}) as object)

  it('has a one-line summary, a description and examples', () => {
    expect(doc.short.length).toBeGreaterThan(10)
    expect(doc.short).not.toContain('\n')
    expect(doc.description.length).toBeGreaterThan(30)
    expect(doc.examples.trim().length).toBeGreaterThan(0)
  })

  it('describes every argument of its schema, and no other', () => {
    expect(Object.keys(doc.args).sort()).toEqual([...props].sort())
    for (const [arg, text] of Object.entries(doc.args)) expect(text.length, arg).toBeGreaterThan(3)
  })

  it('gives examples that use this module, which tsplay check accepts', async () => {
    const tasks = loadYaml(doc.examples, `${name} examples`) as Array<Record<string, unknown>>
    expect(Array.isArray(tasks)).toBe(true)
    expect(tasks.some((task) => name in task), 'an example task uses the module').toBe(true) // others may show what comes with it
    const play = join(dir, `${name}.yml`)
    const indented = doc.examples.replace(/^(?=.)/gm, '    ')
    writeFileSync(play, `- hosts: all\n  gather_facts: false\n  tasks:\n${indented}\n  handlers:\n    - name: restart etcd\n      debug:\n        msg: restarted\n`)
    mkdirSync(join(dir, 'templates'), { recursive: true })
    writeFileSync(join(dir, 'templates', 'etcd.conf.j2'), 'ETCD_NAME={{ inventory_hostname }}\n')
    const io = capture()
    const code = await main(['check', play])
    expect(io.err(), `${name} examples`).toBe('')
    expect(code).toBe(0)
  })
})

describe('tsplay doc', () => {
  it('shows the page: description, each argument with type, default, choices, aliases, required; examples', async () => {
    const io = capture()
    expect(await main(['doc', 'file'])).toBe(0)
    const page = io.out()
    expect(page).toMatch(/^> FILE {4}\(tsplay built-in module\)\n/)
    expect(page).toContain('OPTIONS (= is mandatory):')
    expect(page).toMatch(/\n= path\n {8}The path on the host\.\n {8}aliases: \[dest, name\]\n {8}type: str\n/)
    expect(page).toMatch(/\n- state\n(?: {8}.*\n)*? {8}choices: \[file, directory, link, hard, touch, absent\]\n {8}type: str\n/)
    expect(page).toMatch(/\n- recurse\n(?: {8}.*\n)*? {8}default: false\n {8}type: bool\n/)
    expect(page).toContain('EXAMPLES:\n\n- name: A directory with its parents')
  })

  it('takes collection names, lists every module with -l, gives a snippet with -s and JSON with -j', async () => {
    let io = capture()
    expect(await main(['doc', 'ansible.builtin.copy'])).toBe(0)
    expect(io.out()).toContain('> COPY')
    vi.restoreAllMocks()
    io = capture()
    expect(await main(['doc', '-l'])).toBe(0)
    expect(io.out().trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual([...names].sort())
    vi.restoreAllMocks()
    io = capture()
    expect(await main(['doc', '-s', 'copy'])).toBe(0)
    expect(io.out()).toContain('  copy:\n')
    expect(io.out()).toMatch(/\n {4}dest: +# \(required\) /)
    vi.restoreAllMocks()
    io = capture()
    expect(await main(['doc', '-j', 'stat'])).toBe(0)
    const json = JSON.parse(io.out())
    expect(json.stat.options.find((o: { name: string }) => o.name === 'checksum_algorithm')).toMatchObject({
      type: 'str', default: 'sha1', aliases: ['checksum', 'checksum_algo'], required: false,
    })
  })

  it('refuses an unknown module with the nearest name', async () => {
    const io = capture()
    expect(await main(['doc', 'lineinfle'])).toBe(2)
    expect(io.err()).toBe("tsplay: no module 'lineinfle' in tsplay (did you mean 'lineinfile'?)\n")
  })
})
