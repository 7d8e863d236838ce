// common, flannel, docker, fleet and heketi roles on a private 3-host lab, through the committed inventory/lab layout.
// flanneld, dockerd and fleetd do not run on lab hosts: flannel's config is checked in the real etcd,
// docker and fleet by the files they render and by the HA_MODE guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labUp, type LabInfo } from '../../../src/lab/index.js'
import { changedTotal, inventoryDir, labInventoryCopy, play, removeDirs, ssh } from './cluster-helpers.js'

const SKIP = ['--skip-tags', 'glusterfs'] // glusterfs.test.ts runs the whole cluster.yml

const NAME = `es${process.pid.toString(36).slice(-4)}`
let lab: LabInfo
let inv: string

beforeAll(async () => {
  await labDown({ name: NAME })
  inv = labInventoryCopy()
  lab = await labUp({ name: NAME, count: 3, inventoryDir: inv })
  const run = await play('playbooks/cluster.yml', '-i', inv, ...SKIP, '-e', 'docker_storage_driver=vfs', '-e', 'flannel_backend=host-gw')
  expect(run.rc, run.stdout).toBe(0)
})

afterAll(async () => {
  await labDown({ name: NAME })
  removeDirs(inv)
})

describe('the stack on lab hosts', () => {
  it('common: every inventory host in /etc/hosts, ip_forward on (in the host\'s own network namespace)', async () => {
    const hosts = await ssh(lab, 'lab-2', "sed -n '/# BEGIN tsplay inventory hosts/,/# END/p' /etc/hosts")
    const lines = lab.hosts.map((h) => `${h.ip} ${h.name}`)
    expect(hosts.stdout).toBe(['# BEGIN tsplay inventory hosts', ...lines, '# END tsplay inventory hosts', ''].join('\n'))
    const sysctl = await ssh(lab, 'lab-3', 'cat /proc/sys/net/ipv4/ip_forward /etc/sysctl.d/90-tsplay.conf')
    expect(sysctl.stdout).toBe('1\nnet.ipv4.ip_forward=1\n')
  })

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
    const again = await play('playbooks/cluster.yml', '-i', inv, ...SKIP, '-e', 'docker_storage_driver=vfs', '-e', 'flannel_backend=host-gw')
    expect(changedTotal(again.stats)).toBe(0)
    const vxlan = await play('playbooks/cluster.yml', '-i', inv, ...SKIP, '-e', 'docker_storage_driver=vfs')
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

  it("writes heketi's topology from the hosts' disk_volume_device_N vars, once", async () => {
    const groups = [
      'all:\n  children:',
      '    gfs-cluster:\n      hosts:',
      '        lab-2: {disk_volume_device_1: /dev/vdb, disk_volume_device_2: /dev/vdc}',
      '        lab-3: {disk_volume_device_1: /dev/vdb}',
      '    heketi-node:\n      hosts: {lab-1: {}}',
    ].join('\n')
    const dir = inventoryDir({ 'groups.yml': groups + '\n' }, lab.hostsIni)
    try {
      const run = await play('playbooks/storage.yml', '-i', dir, '-t', 'heketi', '-e', 'heketi_load_topology=false')
      expect(run.rc, run.stdout).toBe(0)
      const topology = JSON.parse((await ssh(lab, 'lab-1', 'cat /etc/heketi/topology.json')).stdout)
      const nodes = topology.clusters[0].nodes
      expect(nodes.map((n: { node: { hostnames: { storage: string[] } } }) => n.node.hostnames.storage[0])).toEqual([lab.hosts[1].ip, lab.hosts[2].ip])
      expect(nodes[0].devices).toEqual([{ name: '/dev/vdb', destroydata: false }, { name: '/dev/vdc', destroydata: false }])
      const again = await play('playbooks/storage.yml', '-i', dir, '-t', 'heketi', '-e', 'heketi_load_topology=false')
      expect(changedTotal(again.stats)).toBe(0)
    } finally {
      removeDirs(dir)
    }
  })
})
