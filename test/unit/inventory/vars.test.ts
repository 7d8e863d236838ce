// Variable precedence with provenance: which file:line won, what it overrode, in Ansible's order.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadInventory } from '../../../src/inventory/load.js'
import { formatExplain } from '../../../src/inventory/output.js'
import { mergeLayers, PRECEDENCE } from '../../../src/inventory/vars.js'
import { CASES_DIR, loadCase } from './fixtures.js'

const chain = (inv: Awaited<ReturnType<typeof loadCase>>, host: string, key: string): string[] =>
  inv.explainHost(host).provenance[key].map((c) => `${c.value}@${c.origin.file.slice(CASES_DIR.length + 1)}:${c.origin.line}`)

describe('inventory variable precedence', () => {
  it('orders groups by depth, then ansible_group_priority, then name', async () => {
    const inv = await loadCase('structure')
    // db is 3 deep (site > both > db); prio_low/prio_high are 1 deep with priorities 5 and 20
    expect(inv.hostVars('db1').role).toBe('db')
    expect(chain(inv, 'db1', 'role')).toEqual([
      'all@structure.ini:57',
      'site@structure.ini:37',
      'prio_low@structure.ini:48',
      'prio_high@structure.ini:54',
      'db@structure.ini:42',
    ])
    expect(inv.data.groups.get('db')!.depth).toBe(3)
    expect(inv.data.groups.get('prio_high')!.priority).toBe(20)
  })

  it('host vars beat group vars; group_names is sorted and excludes all', async () => {
    const inv = await loadCase('structure')
    expect(inv.hostVars('web1').http_port).toBe(8080)
    expect(inv.hostVars('web2').http_port).toBe(80)
    expect(inv.groupNames('web1')).toEqual(['app', 'site', 'web'])
    expect(inv.groupNames('db1')).toEqual(['both', 'db', 'prio_high', 'prio_low', 'site'])
  })

  it('group_vars files beat the inventory file, host_vars beat both (kubespray layout)', async () => {
    const inv = await loadCase('kubespray-dir')
    expect(inv.hostVars('node1')).toMatchObject({
      ip: '10.0.0.101', // host_vars/node1.yml over hosts.yaml
      bootstrap_os: 'debian', // group_vars/all/docker.yml after all.yml, over hosts.yaml
      inventory_level: 'from-group_vars-all',
      cluster_level: 'from-group_vars-k8s-cluster',
      kube_proxy_mode: 'iptables', // k8s-cluster/addons.yml sorts before k8s-cluster.yml
      node_labels: { role: 'worker' },
    })
    expect(inv.hostVars('node2')).toMatchObject({ ip: '10.0.0.102', etcd_member_name: 'etcd2' })
    expect(chain(inv, 'node1', 'bootstrap_os')).toEqual([
      'none@kubespray-dir/hosts.yaml:8',
      'ubuntu@kubespray-dir/group_vars/all/all.yml:4',
      'debian@kubespray-dir/group_vars/all/docker.yml:4',
    ])
  })

  it('--explain names the winner and every value it overrode, with file:line', async () => {
    const inv = await loadCase('kubespray-file')
    const text = formatExplain(inv, 'master1')
    expect(text).toMatch(/^bootstrap_os = "coreos"\n {4}won {7}\S*kubespray-file\/group_vars\/all\/all\.yml:1 {2}\(group_vars\/all\)\n {4}overrode {2}"centos" from \S*kubespray-file\/hosts\.ini:34 {2}\(inventory: all, group:all\)$/m)
    expect(text).toMatch(/^kube_network_plugin = "calico"\n.*k8s-cluster\.yml:1 .*\n.*"weave" from .*hosts\.ini:30 {2}\(inventory: groups, group:k8s-cluster\)$/m)
  })

  it('play-adjacent group_vars rank above the inventory ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsplay-playdir-'))
    try {
      mkdirSync(join(dir, 'group_vars'))
      writeFileSync(join(dir, 'group_vars', 'all.yml'), 'bootstrap_os: flatcar\n')
      const inv = await loadInventory([join(CASES_DIR, 'kubespray-file/hosts.ini')], { playbookDir: dir })
      expect(inv.hostVars('node1').bootstrap_os).toBe('flatcar')
      expect(inv.explainHost('node1').provenance.bootstrap_os.map((c) => c.value)).toEqual(['centos', 'coreos', 'flatcar'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('mergeLayers (the engine merges its layers with this)', () => {
  it('applies the documented order whatever order layers are given in', () => {
    const merged = mergeLayers([
      { level: 'extra vars (-e)', vars: { a: 'extra' } },
      { level: 'role defaults', vars: { a: 'default', b: 'default' } },
      { level: 'play vars', vars: { a: 'play', b: 'play', c: { deep: 1 } } },
      { level: 'block/task vars', vars: { c: { other: 2 } } },
    ])
    expect(merged.vars).toEqual({ a: 'extra', b: 'play', c: { other: 2 } }) // replace, not deep merge
    expect(merged.provenance.a.map((c) => c.level)).toEqual(['role defaults', 'play vars', 'extra vars (-e)'])
  })

  it('documents inventory levels between role defaults and play vars', () => {
    expect(PRECEDENCE.indexOf('role defaults')).toBeLessThan(PRECEDENCE.indexOf('inventory: all'))
    expect(PRECEDENCE.indexOf('host_vars/HOST')).toBeLessThan(PRECEDENCE.indexOf('play vars'))
    expect(PRECEDENCE[PRECEDENCE.length - 1]).toBe('extra vars (-e)')
  })
})
