// etcd for real on a private lab: cluster.yml bootstraps 3 members, add/remove/gc change membership.
// The tests run in order and share the cluster, as an operator's day would.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labStop, labUp, type LabInfo } from '../../../src/lab/index.js'
import { changedTotal, inventoryDir, labInventoryCopy, play, removeDirs, ssh, startedMembers } from './cluster-helpers.js'

const SKIP = ['--skip-tags', 'glusterfs'] // glusterfs.test.ts runs the whole cluster.yml

const NAME = `ec${process.pid.toString(36).slice(-4)}`
const withNew = { 'groups.yml': 'all:\n  children:\n    etcd:\n      hosts: {lab-1: {}, lab-2: {}, lab-3: {}}\n    etcd-new:\n      hosts: {lab-4: {}}\n' }
const four = { 'groups.yml': 'all:\n  children:\n    etcd:\n      hosts: {lab-1: {}, lab-2: {}, lab-3: {}, lab-4: {}}\n' }

let lab: LabInfo
let labDir: string
let addDir: string
let allDir: string

beforeAll(async () => {
  await labDown({ name: NAME })
  labDir = labInventoryCopy() // the committed layout, hosts.ini written by lab up
  lab = await labUp({ name: NAME, count: 3, inventoryDir: labDir })
  addDir = inventoryDir(withNew, lab.hostsIni) // the lab's own hosts.ini: lab-4 appears there when it grows
  allDir = inventoryDir(four, lab.hostsIni)
})

afterAll(async () => {
  await labDown({ name: NAME })
  removeDirs(labDir, addDir, allDir)
})

async function members(host: string): Promise<string[]> {
  const list = await ssh(lab, host, 'etcdctl member list')
  expect(list.rc, list.stderr).toBe(0)
  return startedMembers(list.stdout)
}

async function healthyCount(host: string): Promise<number> {
  const health = await ssh(lab, host, 'etcdctl endpoint health --cluster')
  expect(health.rc, health.stdout + health.stderr).toBe(0)
  return (health.stdout + health.stderr).split('\n').filter((l) => l.includes(' is healthy')).length
}

describe('etcd on lab hosts', () => {
  it('-C on fresh hosts predicts changes and writes nothing', async () => {
    const run = await play('playbooks/cluster.yml', '-i', labDir, '-C', '-t', 'etcd')
    expect(run.rc, run.stdout).toBe(0)
    expect(changedTotal(run.stats)).toBeGreaterThan(0)
    for (const h of lab.hosts) {
      expect(existsSync(join(h.upperdir, 'etc/default/etcd-bootstrap'))).toBe(false)
      expect(existsSync(join(h.upperdir, 'var/log/etcd'))).toBe(false)
    }
  })

  it('cluster.yml -i inventory/lab brings up 3 started, healthy members', async () => {
    const run = await play('playbooks/cluster.yml', '-i', labDir, ...SKIP)
    expect(run.rc, run.stderr).toBe(0)
    for (const host of ['lab-1', 'lab-2', 'lab-3']) {
      expect(await members(host)).toEqual(['lab-1', 'lab-2', 'lab-3'])
      expect(await healthyCount(host)).toBe(3)
    }
  })

  it('a key written on one member is read on another', async () => {
    const value = `v-${Date.now()}`
    expect((await ssh(lab, 'lab-1', `etcdctl put /tsplay/e2e ${value}`)).rc).toBe(0)
    const got = await ssh(lab, 'lab-3', 'etcdctl get --print-value-only /tsplay/e2e')
    expect(got.stdout.trim()).toBe(value)
  })

  it('a rerun changes nothing on any host', async () => {
    const run = await play('playbooks/cluster.yml', '-i', labDir, ...SKIP)
    expect(run.rc, run.stderr).toBe(0)
    expect(Object.keys(run.stats).sort()).toEqual(['lab-1', 'lab-2', 'lab-3'])
    expect(changedTotal(run.stats)).toBe(0)
  })

  it('etcd-add-member.yml joins a 4th host: 4 healthy members, rerun unchanged', async () => {
    lab = await labUp({ name: NAME, count: 4 })
    const run = await play('playbooks/etcd-add-member.yml', '-i', addDir)
    expect(run.rc, run.stdout).toBe(0)
    expect(run.stats['lab-4'].changed).toBeGreaterThan(0)
    expect(await members('lab-2')).toEqual(['lab-1', 'lab-2', 'lab-3', 'lab-4'])
    expect(await healthyCount('lab-4')).toBe(4)
    const again = await play('playbooks/etcd-add-member.yml', '-i', addDir)
    expect(changedTotal(again.stats)).toBe(0)
  })

  it('etcd-remove-member.yml removes it and wipes its data; add-member brings it back clean', async () => {
    const run = await play('playbooks/etcd-remove-member.yml', '-i', allDir, '-e', 'etcd_remove=lab-4')
    expect(run.rc, run.stdout).toBe(0)
    expect(await members('lab-1')).toEqual(['lab-1', 'lab-2', 'lab-3'])
    expect((await ssh(lab, 'lab-4', 'service etcd status')).rc).not.toBe(0)
    expect((await ssh(lab, 'lab-4', 'test -e /var/lib/etcd/default')).rc).toBe(1)
    const back = await play('playbooks/etcd-add-member.yml', '-i', addDir)
    expect(back.rc, back.stdout).toBe(0)
    expect(await healthyCount('lab-1')).toBe(4)
  })

  it('etcd-gc.yml removes a stopped member at the second pass only; the cluster stays healthy', async () => {
    await labStop('lab-4', { name: NAME })
    const first = await play('playbooks/etcd-gc.yml', '-i', allDir)
    expect(first.rc).toBe(4) // lab-4 is unreachable, and the recap says so
    expect(first.stats['lab-4'].unreachable).toBe(1)
    expect((await ssh(lab, 'lab-1', 'etcdctl member list')).stdout).toContain('lab-4')
    expect((await ssh(lab, 'lab-1', 'cat /var/lib/etcd/losts')).stdout).toMatch(/^[0-9a-f]+ lab-4\n$/)
    const second = await play('playbooks/etcd-gc.yml', '-i', allDir)
    expect(second.stats['lab-1'].changed).toBe(1)
    expect(await members('lab-3')).toEqual(['lab-1', 'lab-2', 'lab-3'])
    expect(await healthyCount('lab-2')).toBe(3)
    expect((await ssh(lab, 'lab-1', 'cat /var/lib/etcd/losts')).stdout).toBe('')
    const third = await play('playbooks/etcd-gc.yml', '-i', labDir)
    expect(changedTotal(third.stats)).toBe(0)
  })
})
