// etcd with etcd_tls: certificates made on the first member, HTTPS with client-certificate auth between
// members and for clients, plain `etcdctl` still working for root through the wrapper.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labUp, type LabInfo } from '../../../src/lab/index.js'
import { changedTotal, inventoryDir, labInventoryCopy, play, removeDirs, ssh, startedMembers } from './cluster-helpers.js'

const NAME = `et${process.pid.toString(36).slice(-4)}`
const TLS = ['--skip-tags', 'glusterfs', '-e', '{"etcd_tls": true}']
const withNew = { 'groups.yml': 'all:\n  children:\n    etcd:\n      hosts: {lab-1: {}, lab-2: {}, lab-3: {}}\n    etcd-new:\n      hosts: {lab-4: {}}\n' }
let lab: LabInfo
let labDir: string
let addDir: string

beforeAll(async () => {
  await labDown({ name: NAME })
  labDir = labInventoryCopy()
  lab = await labUp({ name: NAME, count: 3, inventoryDir: labDir })
  addDir = inventoryDir(withNew, lab.hostsIni)
})

afterAll(async () => {
  await labDown({ name: NAME })
  removeDirs(labDir, addDir)
})

describe('etcd over TLS on lab hosts', () => {
  let firstRun = ''

  it('bootstraps 3 members on https; plain etcdctl works for root', async () => {
    const run = await play('playbooks/cluster.yml', '-i', labDir, ...TLS)
    expect(run.rc, run.stdout).toBe(0)
    firstRun = run.stdout
    const list = await ssh(lab, 'lab-3', 'etcdctl member list')
    expect(startedMembers(list.stdout)).toEqual(['lab-1', 'lab-2', 'lab-3'])
    expect(list.stdout).toContain(`https://${lab.hosts[0].ip}:2379`)
    const health = await ssh(lab, 'lab-2', 'etcdctl endpoint health --cluster')
    expect(health.rc, health.stderr).toBe(0)
  })

  it('stores and points flannel at etcd over https', async () => {
    const got = await ssh(lab, 'lab-1', 'etcdctl get --print-value-only /coreos.com/network/config')
    expect(JSON.parse(got.stdout).Network).toBe('10.244.0.0/16')
    const env = (await ssh(lab, 'lab-2', 'cat /etc/default/flanneld')).stdout
    expect(env).toContain(`FLANNELD_ETCD_ENDPOINTS="${lab.hosts.map((h) => `https://${h.ip}:2379`).join(',')}"`)
    expect(env).toContain('FLANNELD_ETCD_CAFILE="/etc/ssl/etcd/ca.crt"')
  })

  it('refuses a client without a certificate', async () => {
    const anon = await ssh(lab, 'lab-1', `/usr/bin/etcdctl --endpoints=https://${lab.hosts[1].ip}:2379 --cacert=/etc/ssl/etcd/ca.crt --dial-timeout=2s --command-timeout=2s get x`)
    expect(anon.rc).not.toBe(0)
    expect(anon.stderr).toMatch(/certificate|tls|deadline/i)
  })

  it('keeps private keys out of the run output', () => {
    expect(firstRun).not.toContain('PRIVATE KEY')
    expect(firstRun).not.toContain('LS0tLS1CRUdJTiBQUklWQVRF') // base64 of the PEM header (slurp's content)
  })

  it('reruns with changed=0', async () => {
    const again = await play('playbooks/cluster.yml', '-i', labDir, ...TLS)
    expect(changedTotal(again.stats)).toBe(0)
  })

  it('adds a 4th member with its own certificate', async () => {
    lab = await labUp({ name: NAME, count: 4 })
    const run = await play('playbooks/etcd-add-member.yml', '-i', addDir, '-e', '{"etcd_tls": true}')
    expect(run.rc, run.stdout).toBe(0)
    const health = await ssh(lab, 'lab-4', 'etcdctl endpoint health --cluster')
    expect(health.rc, health.stderr).toBe(0)
    expect((health.stdout + health.stderr).match(/ is healthy/g)?.length).toBe(4)
  })
})
