// The README's main command on a fresh lab: every play of cluster.yml through the committed
// inventory/lab. With Debian's glusterfs-server on this machine (lab hosts see its / as their lower
// layer) that includes a real replica-3 volume, FUSE-mounted on every host; without it the role says it
// skips, and the GlusterFS checks are skipped (.ci/run does not install glusterfs-server yet).
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labUp, type LabInfo } from '../../../src/lab/index.js'
import { changedTotal, labInventoryCopy, play, removeDirs, ssh, type JsonRun } from './cluster-helpers.js'

const NAME = `eg${process.pid.toString(36).slice(-4)}`
const HAVE_GLUSTERD = existsSync('/usr/sbin/glusterd')
let lab: LabInfo
let inv: string
let first: JsonRun

beforeAll(async () => {
  await labDown({ name: NAME })
  inv = labInventoryCopy()
  lab = await labUp({ name: NAME, count: 3, inventoryDir: inv })
})

afterAll(async () => {
  await labDown({ name: NAME })
  removeDirs(inv)
})

describe('cluster.yml end to end on a fresh lab', () => {
  it('runs every play: exit 0, no host failed', async () => {
    first = await play('playbooks/cluster.yml', '-i', inv)
    expect(first.rc, first.stdout).toBe(0)
    for (const s of Object.values(first.stats)) expect(s.failures + s.unreachable).toBe(0)
    if (!HAVE_GLUSTERD) expect(first.stdout).toContain('GlusterFS skipped on lab-1: glusterfs-server is not installed')
  })

  it.skipIf(!HAVE_GLUSTERD)('creates a started replica-3 volume', async () => {
    const info = await ssh(lab, 'lab-2', 'gluster volume info gv0')
    expect(info.stdout).toContain('Type: Replicate')
    expect(info.stdout).toContain('Status: Started')
    expect(info.stdout).toContain('Number of Bricks: 1 x 3 = 3')
  })

  it.skipIf(!HAVE_GLUSTERD)('a file written on one mount is seen on another', async () => {
    const text = `gluster-${Date.now()}`
    expect((await ssh(lab, 'lab-1', `echo ${text} > /mnt/gv0/seen`)).rc).toBe(0)
    expect((await ssh(lab, 'lab-3', 'cat /mnt/gv0/seen')).stdout.trim()).toBe(text)
    expect((await ssh(lab, 'lab-2', 'grep -c " /mnt/gv0 glusterfs " /etc/fstab')).stdout.trim()).toBe('1')
  })

  it('a rerun changes nothing', async () => {
    const again = await play('playbooks/cluster.yml', '-i', inv)
    expect(again.rc).toBe(0)
    expect(changedTotal(again.stats)).toBe(0)
  })
})
