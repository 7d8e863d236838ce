// ceph_osd cases against the fake ceph CLI (fixtures/fake-bin/ceph), whose cluster is {root}/ceph/cluster.json.
import type { ModuleCase, SetupEntry } from '../harness.js'

interface Osd { up: number; in: number; crush: boolean; auth: boolean }
const cluster = (osd3: Osd, warn_polls = 2): SetupEntry => ({
  path: '{root}/ceph/cluster.json',
  content: JSON.stringify({ osds: { '1': { up: 1, in: 1, crush: true, auth: true }, '3': osd3 }, warn_polls }),
})
const down = { up: 0, in: 1, crush: true, auth: true }
const osd3 = (expr: string) => `node -e 'const c = require(process.argv[1]); process.exit(${expr} ? 0 : 1)' {root}/ceph/cluster.json`
const fast = { health_timeout: 5, poll_interval: 0 }

export const cephCases: ModuleCase[] = [
  { name: 'a down OSD: out, wait for HEALTH_OK, crush remove, auth del, osd rm', module: 'ceph_osd', args: { id: 3, ...fast }, setup: [cluster(down)],
    data: { actions: ['ceph osd out 3', 'ceph osd crush remove osd.3', 'ceph auth del osd.3', 'ceph osd rm 3'] },
    verifyCheck: [osd3('c.osds[3].in === 1')], verify: [osd3('!c.osds[3] && c.osds[1].in === 1 && c.warn_left === 0')] },
  { name: 'state=out marks it out and waits for HEALTH_OK', module: 'ceph_osd', args: { id: 3, state: 'out', ...fast }, setup: [cluster({ ...down, up: 1 })],
    data: { actions: ['ceph osd out 3'] }, verify: [osd3('c.osds[3].in === 0 && c.osds[3].crush && c.warn_left === 0')] },
  { name: 'an OSD still up: out and the wait happen, then it fails naming the stop command', module: 'ceph_osd', args: { id: 3, ...fast }, setup: [cluster({ ...down, up: 1 })],
    first: 'failed', check: 'changed', msg: 'systemctl stop ceph-osd@3', verify: [osd3('c.osds[3].in === 0 && c.osds[3].crush && c.osds[3].auth')] },
  { name: 'a removal resumed after a failure does only what is left', module: 'ceph_osd', args: { id: 3, ...fast }, setup: [cluster({ up: 0, in: 0, crush: false, auth: true })],
    data: { actions: ['ceph auth del osd.3', 'ceph osd rm 3'] }, verify: [osd3('!c.osds[3]')] },
  { name: 'an OSD that is not there is ok', module: 'ceph_osd', args: { id: 7, ...fast }, setup: [cluster(down)], first: 'ok' },
  { name: 'no HEALTH_OK in time fails, saying data is still moving', module: 'ceph_osd', args: { id: 3, health_timeout: 0, poll_interval: 0 }, setup: [cluster(down, 1000)],
    first: 'failed', check: 'changed', msg: 'not HEALTH_OK after 0s with osd.3 out: HEALTH_WARN Degraded data redundancy', verify: [osd3('c.osds[3].in === 0 && c.osds[3].crush')] },
  { name: 'no cluster reachable fails with ceph\'s reason', module: 'ceph_osd', args: { id: 3 }, first: 'failed', check: 'failed', msg: 'ceph osd dump failed' },
]
