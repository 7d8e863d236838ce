// ceph_osd against a FAKE ceph CLI (fixtures/fake-bin/ceph, first in PATH): no Ceph cluster runs on these
// machines (Debian ships ceph 16, not tried on lab hosts). What is tested is the module's side: the order
// of the documented manual removal (out → HEALTH_OK → crush remove → auth del → osd rm), how it reads
// osd dump / osd tree JSON, resuming, the up-daemon guard, check mode. Not tested: a real cluster.
import { readFileSync, rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cephOsd, osdState, osdSteps } from '../../../src/modules/ceph-osd.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { cephCases } from './cases/ceph.js'
import { makeCtx, prepare, runCase } from './harness.js'
import { useFakeCli } from './fake-cli.js'

const { root, callsFile, target } = useFakeCli('CEPH', 'ceph')

describe('ceph_osd cases', () => {
  for (const c of cephCases) it(c.name, () => runCase(target, c).then(() => undefined), 30_000)
})

it('runs the documented procedure in order, polling health until HEALTH_OK', { timeout: 30_000 }, async () => {
  await prepare(target, [{ path: `${root}/ceph/cluster.json`, content: JSON.stringify({ osds: { '3': { up: 0, in: 1, crush: true, auth: true } }, warn_polls: 2 }) }])
  rmSync(callsFile, { force: true })
  const res = await runModule(cephOsd, makeCtx(target.conn), { id: 3, poll_interval: 0 })
  expect(res.status, res.msg).toBe('changed')
  expect(readFileSync(callsFile, 'utf8').trim().split('\n').filter((l) => !/dump|tree|auth get/.test(l))).toEqual([
    'osd out 3', 'health', 'health', 'health', 'osd crush remove osd.3', 'auth del osd.3', 'osd rm 3',
  ])
})

describe('ceph_osd pure parts', () => {
  const dump = JSON.stringify({ osds: [{ osd: 3, up: 1, in: 0 }] })
  const tree = JSON.stringify({ nodes: [{ id: -1, type: 'root' }, { id: 3, type: 'osd' }], stray: [] })
  it('reads up/in from osd dump and crush membership from osd tree', () => {
    expect(osdState(3, dump, tree, true)).toEqual({ exists: true, up: true, in: false, crush: true, auth: true })
    expect(osdState(4, dump, tree, false)).toEqual({ exists: false, up: false, in: false, crush: false, auth: false })
  })
  it('plans nothing for state=out when already out', () => {
    expect(osdSteps(3, 'out', osdState(3, dump, tree, true))).toEqual([])
  })
})
