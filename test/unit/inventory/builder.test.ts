// `tsplay inventory build`: kubespray's inventory builder, and its output loads back as intended.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/errors.js'
import { buildInventoryIni, expandIpRanges } from '../../../src/inventory/builder.js'
import { loadInventory } from '../../../src/inventory/load.js'

async function load(ini: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-build-'))
  try {
    writeFileSync(join(dir, 'hosts.ini'), ini)
    return await loadInventory([join(dir, 'hosts.ini')])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('inventory builder', () => {
  it('names hosts node1..N, 2 masters, 3 etcd, all nodes', async () => {
    const ini = buildInventoryIni(['10.10.1.3', '10.10.1.4', '10.10.1.5', '10.10.1.6'])
    expect(ini.split('\n').slice(0, 5)).toEqual([
      '[all]',
      'node1 ansible_host=10.10.1.3 ip=10.10.1.3',
      'node2 ansible_host=10.10.1.4 ip=10.10.1.4',
      'node3 ansible_host=10.10.1.5 ip=10.10.1.5',
      'node4 ansible_host=10.10.1.6 ip=10.10.1.6',
    ])
    const inv = await load(ini)
    const g = inv.groups()
    expect(g['kube-master']).toEqual(['node1', 'node2'])
    expect(g.etcd).toEqual(['node1', 'node2', 'node3'])
    expect(g['kube-node']).toEqual(['node1', 'node2', 'node3', 'node4'])
    expect(g['k8s-cluster']).toEqual(['node1', 'node2', 'node3', 'node4'])
    expect(inv.hostVars('node4')).toEqual({ ansible_host: '10.10.1.6', ip: '10.10.1.6' })
  })

  it('keeps etcd odd: one member below three hosts', async () => {
    const inv = await load(buildInventoryIni(['10.0.0.1', '10.0.0.2']))
    expect(inv.groups().etcd).toEqual(['node1'])
  })

  it('takes ranges, IP,ACCESS_IP and NAME,IP[,ACCESS_IP]', async () => {
    expect(expandIpRanges(['10.0.0.254-10.0.1.1'])).toEqual(['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1'])
    const inv = await load(buildInventoryIni(['10.0.0.1-10.0.0.2', '10.0.0.3,192.0.2.3', 'gpu,10.0.0.9,192.0.2.9'], { style: 'current', masters: 1 }))
    expect(inv.hostNames()).toEqual(['node1', 'node2', 'node3', 'gpu'])
    expect(inv.hostVars('node3')).toEqual({ ansible_host: '192.0.2.3', ip: '10.0.0.3', access_ip: '192.0.2.3' })
    expect(inv.groups().kube_control_plane).toEqual(['node1'])
    expect(inv.groups().k8s_cluster).toHaveLength(4)
  })

  it('refuses what is not an address', () => {
    expect(() => buildInventoryIni(['10.0.0.300'])).toThrow(UsageError)
    expect(() => buildInventoryIni(['10.0.0.5-10.0.0.1'])).toThrow(/bad address range: 10.0.0.5-10.0.0.1/)
    expect(() => buildInventoryIni([])).toThrow(/no hosts given/)
  })
})
