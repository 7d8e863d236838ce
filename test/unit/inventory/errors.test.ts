// Bad input fails the whole load with file:line, the offending text and a hint; nothing half-loaded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { loadInventory } from '../../../src/inventory/load.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-inv-err-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

async function failure(sources: string[]): Promise<ConfigError> {
  try {
    await loadInventory(sources)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return e as ConfigError
  }
  throw new Error('loaded without error')
}

const cases: [string, string, number, RegExp][] = [
  ['unknown-section.ini', '[web]\nweb1\n[web:child]\nx\n', 3, /section \[web:child\] has unknown type: child \(did you mean \[web:children\]\?\)/],
  ['bad-range.ini', '[web]\nnode[01:5]\n', 2, /bad host range 'node\[01:5\]': host range must specify equal-length begin and end formats/],
  ['bad-range-alpha.ini', '[web]\nnode[z:a]\n', 2, /bad host range 'node\[z:a\]': host range must have begin <= end/],
  ['no-end.ini', '[web]\nnode[1:]\n', 2, /host range must specify end value/],
  ['cycle.ini', '[a:children]\nb\n[b:children]\na\n', 4, /adding group 'a' as child to 'b' creates a recursive dependency loop/],
  ['self.ini', '[a:children]\na\n', 2, /group 'a' cannot be a child of itself/],
  ['dup-host.ini', '[a]\nh1 x=1 x=2\n', 2, /duplicate key 'x' with different values on one host line: h1 x=1 x=2/],
  ['dup-vars.ini', '[a]\nh1\n[a:vars]\nk=1\nk=2\n', 5, /duplicate key 'k' in \[a:vars\] with a different value: k=2/],
  ['vars-undefined.ini', '[nope:vars]\nk=1\n', 1, /section \[nope:vars\] not valid for undefined group: nope/],
  ['undefined-child.ini', '# kubespray sample/hosts.ini of 2018\n[k8s-cluster:children]\nkube-master\nkube-node\n', 3, /section \[k8s-cluster:children\] includes undefined group: kube-master/],
  ['no-eq.ini', '[a]\nh1 novalue\n', 2, /expected key=value host variable assignment, got: novalue/],
  ['quote.ini', '[a]\nh1 x="unterminated\n', 2, /error parsing host definition 'h1 x="unterminated': No closing quotation/],
  ['space.ini', '[a b]\nh\n', 1, /invalid section entry: '\[a b\]'/],
  ['colon.ini', '[a]\nh1:\n', 2, /invalid host pattern 'h1:': ending in ':' is not allowed/],
  ['prio.ini', '[a]\nh\n[a:vars]\nansible_group_priority=high\n', 4, /ansible_group_priority of group 'a' must be an integer/],
  ['bad-host.yml', 'all:\n  hosts:\n    h1: [1]\n', 3, /host 'h1' in group 'all' must map to variables, got a list/],
  ['list-hosts.yml', 'all:\n  hosts:\n    - h1\n', 2, /invalid "hosts" entry for "all" group: requires a mapping, found a list/],
  ['broken.yml', 'all: {hosts: {h1: }\n', 2, /invalid YAML inventory/],
]

describe('bad inventories', () => {
  it.each(cases)('%s', async (name, text, line, message) => {
    const path = file(name, text)
    const e = await failure([path])
    expect(e.position).toEqual(expect.objectContaining({ file: path, line }))
    expect(e.describe()).toMatch(message)
    expect(e.describe().startsWith(`${path}:${line}: `)).toBe(true)
  })

  it('a good source followed by a bad one yields no inventory at all', async () => {
    const good = file('good.ini', '[a]\nh1\n')
    const bad = file('bad.ini', '[a]\nnode[01:5]\n')
    expect((await failure([good, bad])).describe()).toMatch(/bad\.ini:2: bad host range/)
  })

  it('a missing source is named, with the host-list hint', async () => {
    const e = await failure([join(dir, 'nope.ini')])
    expect(e.describe()).toMatch(/inventory source not found: .*nope\.ini \(a host list needs a comma/)
  })

  it('a YAML file with an unknown plugin names it', async () => {
    const e = await failure([file('cloud.yml', 'plugin: openstak\n')])
    expect(e.describe()).toMatch(/unknown inventory plugin 'openstak' in cloud\.yml/)
  })

  it('a broken vars file fails the load with its line', async () => {
    const sub = mkdtempSync(join(dir, 'gv-'))
    const inv = join(sub, 'hosts.ini')
    writeFileSync(inv, '[web]\nw1\n')
    const gv = join(sub, 'group_vars')
    mkdirSync(gv)
    writeFileSync(join(gv, 'web.yml'), 'a: 1\nb: [unclosed\n')
    expect((await failure([inv])).describe()).toMatch(/web\.yml:3:1: invalid YAML/)
    writeFileSync(join(gv, 'web.yml'), '- a\n- b\n')
    expect((await failure([inv])).describe()).toMatch(/web\.yml:1: vars file must hold a mapping/)
  })
})
