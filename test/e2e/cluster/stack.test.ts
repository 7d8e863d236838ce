// flannel, docker and fleet roles on a private 3-host lab, through the committed inventory/lab layout.
// flanneld, dockerd and fleetd do not run on lab hosts: flannel's config is checked in the real etcd,
// docker and fleet by the files they render and by the HA_MODE guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labUp, type LabInfo } from '../../../src/lab/index.js'
import { changedTotal, labInventoryCopy, play, removeDirs, ssh } from './cluster-helpers.js'

const NAME = `es${process.pid.toString(36).slice(-4)}`
let lab: LabInfo
let inv: string

beforeAll(async () => {
  await labDown({ name: NAME })
  inv = labInventoryCopy()
  lab = await labUp({ name: NAME, count: 3, inventoryDir: inv })
  const run = await play('playbooks/cluster.yml', '-i', inv, '-e', 'docker_storage_driver=vfs', '-e', 'flannel_backend=host-gw')
  expect(run.rc, run.stdout).toBe(0)
})

afterAll(async () => {
  await labDown({ name: NAME })
  removeDirs(inv)
})

describe('the stack on lab hosts', () => {
  it("stores flannel's network config in etcd, read back from another member", async () => {
    const got = await ssh(lab, 'lab-3', 'etcdctl get --print-value-only /coreos.com/network/config')
    expect(JSON.parse(got.stdout)).toEqual({ Network: '10.244.0.0/16', SubnetLen: 24, Backend: { Type: 'host-gw' } })
    const env = await ssh(lab, 'lab-2', 'cat /etc/default/flanneld')
    const ips = lab.hosts.map((h) => `http://${h.ip}:2379`).join(',')
    expect(env.stdout).toContain(`FLANNELD_ETCD_ENDPOINTS="${ips}"`)
    expect(env.stdout).toContain(`FLANNELD_IFACE="${lab.hosts[1].ip}"`)
  })

  it("renders docker's daemon.json with the configured storage driver", async () => {
    for (const host of ['lab-1', 'lab-3']) {
      const json = JSON.parse((await ssh(lab, host, 'cat /etc/docker/daemon.json')).stdout)
      expect(json['storage-driver']).toBe('vfs')
      expect(json['log-opts']).toEqual({ 'max-size': '50m', 'max-file': '3' })
    }
  })

  it('reruns with changed=0 and stores a changed network config once', async () => {
    const again = await play('playbooks/cluster.yml', '-i', inv, '-e', 'docker_storage_driver=vfs', '-e', 'flannel_backend=host-gw')
    expect(changedTotal(again.stats)).toBe(0)
    const vxlan = await play('playbooks/cluster.yml', '-i', inv, '-e', 'docker_storage_driver=vfs')
    expect(changedTotal(vxlan.stats)).toBe(1)
    const got = await ssh(lab, 'lab-2', 'etcdctl get --print-value-only /coreos.com/network/config')
    expect(JSON.parse(got.stdout).Backend.Type).toBe('vxlan')
  })

  it('renders fleet units with one HA_MODE, and fails naming the unit that differs', async () => {
    const good = await play('playbooks/fleet-units.yml', '-i', inv)
    expect(good.rc, good.stdout).toBe(0)
    const modes = await ssh(lab, 'lab-1', "grep -h '^Environment=HA_MODE=' /etc/fleet/units/*.service")
    expect(modes.stdout).toBe('Environment=HA_MODE=active-active\n'.repeat(3))
    const bad = await play('playbooks/fleet-units.yml', '-i', inv, '-e', '{"fleet_unit_ha_mode": {"network": "active-passive"}}')
    expect(bad.rc).toBe(2)
    expect(bad.stdout).toContain('unit network.service has HA_MODE=active-passive but controller.service has HA_MODE=active-active')
  })
})
