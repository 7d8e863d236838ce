// Host lists, several sources, --limit and @file, implicit localhost, and the dynamic-source hook.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { loadInventory } from '../../../src/inventory/load.js'
import { listHostsOutput } from '../../../src/inventory/output.js'
import { sources } from '../../../src/inventory/sources/index.js'
import { loadCase } from './fixtures.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-inv-src-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('patterns with --limit', () => {
  it('intersects with a limit pattern and with an @retry file', async () => {
    const inv = await loadCase('kubespray-inventory-example')
    expect(inv.select('k8s-cluster', 'paris')).toEqual(['node3', 'node4', 'node1'])
    const retry = join(dir, 'site.retry')
    writeFileSync(retry, 'node5\nnode2\n\n')
    expect(inv.select('all', `@${retry}`)).toEqual(['node2', 'node5'])
    expect(inv.select(`@${retry}`)).toEqual(['node5', 'node2'])
    expect(() => inv.select('all', '@/nonexistent/x.retry')).toThrow(/unable to find limit file/)
  })

  it('prints --list-hosts like ansible, and warns on patterns that match nothing', async () => {
    const inv = await loadCase('user-hosts')
    expect(listHostsOutput(inv, 'kube-node:!node1')).toBe('  hosts (2):\n    master1\n    node2')
    expect(listHostsOutput(inv, 'nosuchgroup')).toBe('  hosts (0):')
    expect(inv.warnings).toContain('Could not match supplied host pattern, ignoring: nosuchgroup')
  })

  it('subscripts out of range are errors, as in Ansible', async () => {
    const inv = await loadCase('user-hosts')
    expect(() => inv.select('etcd[7]')).toThrow(/no hosts matched the subscripted pattern 'etcd\[7\]'/)
  })

  it('localhost is implicit with ansible_connection=local and all-group vars', async () => {
    const inv = await loadCase('structure')
    expect(inv.select('localhost')).toEqual(['localhost'])
    expect(inv.hostVars('localhost')).toMatchObject({ ansible_connection: 'local', role: 'all' })
    expect(inv.hostNames()).not.toContain('localhost')
  })
})

describe('dynamic inventory sources', () => {
  afterEach(() => delete sources.fake)

  it('a YAML file with plugin: NAME is handed to the registered source', async () => {
    const seen: unknown[] = []
    sources.fake = async (file, config) => {
      seen.push([file, config])
      return {
        hosts: { vm1: { ansible_host: '192.0.2.1' }, vm2: {} },
        groups: { masters: { hosts: ['vm1'], children: [], vars: { role: 'm' } }, cluster: { hosts: [], children: ['masters'], vars: {} } },
      }
    }
    const file = join(dir, 'cloud.yml')
    writeFileSync(file, 'plugin: fake\nregion: test\n')
    const inv = await loadInventory([file])
    expect(seen).toEqual([[file, { plugin: 'fake', region: 'test' }]])
    // 'all' lists its own hosts, then ungrouped, then the other groups' hosts (Ansible's order)
    expect(inv.groups()).toMatchObject({ all: ['vm2', 'vm1'], cluster: ['vm1'], ungrouped: ['vm2'] })
    expect(inv.hostVars('vm1')).toEqual({ ansible_host: '192.0.2.1', role: 'm' })
  })
})

describe('magic variables for the engine', () => {
  it('derives inventory_hostname, group_names, groups and inventory_file as Ansible does', async () => {
    const inv = await loadCase('kubespray-inventory-example')
    const magic = inv.magicVars('node3')
    expect(magic).toMatchObject({
      inventory_hostname: 'node3',
      inventory_hostname_short: 'node3',
      group_names: ['etcd', 'k8s-cluster', 'kube-node', 'paris'],
    })
    expect((magic.groups as Record<string, string[]>)['new-york']).toEqual(['node2', 'node5', 'node6'])
    expect(magic.inventory_file).toMatch(/\/cases\/kubespray-inventory-example\.ini$/)
    expect((await loadCase('host-list')).magicVars('web1').inventory_file).toBeNull()
  })
})
