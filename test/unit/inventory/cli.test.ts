// The `tsplay inventory` verb end to end through main(), stdout and exit codes included.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../../src/cli/main.js'
import { CASES_DIR, expected } from './fixtures.js'

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true))
  const code = await main(args)
  vi.restoreAllMocks()
  return { code, out, err }
}

afterEach(() => vi.restoreAllMocks())

describe('tsplay inventory', () => {
  it('--list prints byte for byte what ansible-inventory prints for the user inventory', async () => {
    const r = await run(['inventory', '-i', join(CASES_DIR, 'user-hosts.ini'), '--list'])
    expect(r.code).toBe(0)
    expect(r.out).toBe(expected('user-hosts.list.json'))
  })

  it('--graph GROUP and --host', async () => {
    const g = await run(['inventory', '-i', join(CASES_DIR, 'user-hosts.ini'), '--graph', 'k8s-cluster'])
    expect(g.out.split('\n').slice(0, 3)).toEqual(['@k8s-cluster:', '  |--@kube-node:', '  |  |--master1'])
    const h = await run(['inventory', '-i', join(CASES_DIR, 'user-hosts.ini'), '--host', 'node2'])
    expect(JSON.parse(h.out)).toEqual({ ansible_host: '10.0.0.170', disk_volume_device_1: '/dev/vdc', ip: '10.0.0.170' })
  })

  it('--host NAME --explain', async () => {
    const r = await run(['inventory', '-i', join(CASES_DIR, 'kubespray-file/hosts.ini'), '--host', 'node1', '--explain'])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^kube_network_plugin = "calico"$/m)
    expect(r.out).toMatch(/overrode {2}"weave" from .*hosts\.ini:30/)
  })

  it('bad input: exit 1 with file:line on stderr, nothing on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsplay-cli-'))
    try {
      writeFileSync(join(dir, 'hosts.ini'), '[web]\nweb[1:3]\n[web:childs]\nx\n')
      const r = await run(['inventory', '-i', join(dir, 'hosts.ini'), '--list'])
      expect(r.code).toBe(1)
      expect(r.out).toBe('')
      expect(r.err).toBe(`tsplay: ${join(dir, 'hosts.ini')}:3: section [web:childs] has unknown type: childs (did you mean [web:children]?)\n`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('usage errors: exit 2', async () => {
    expect((await run(['inventory', '-i', 'x,', '--list', '--graph'])).code).toBe(2)
    expect((await run(['inventory', '--list'])).err).toMatch(/no inventory given/)
    expect((await run(['inventory', '-i', 'x,', '--host', 'nope'])).err).toMatch(/no host named 'nope'/)
  })

  it('build writes an INI that the loader reads back', async () => {
    const r = await run(['inventory', 'build', '10.0.0.1', '10.0.0.2', '10.0.0.3'])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^\[kube-master\]\nnode1\nnode2\n$/m)
  })

  it('warns on stderr about .ini files Ansible ignores in a directory', async () => {
    const r = await run(['inventory', '-i', join(CASES_DIR, 'kubespray-dir'), '--list'])
    expect(r.code).toBe(0)
    expect(r.err).toMatch(/\[WARNING\]: .*inventory\.ini: ignored/)
    expect(JSON.parse(r.out)._meta.hostvars['ignored-host']).toBeUndefined()
  })
})
