// fleet_unit against a FAKE fleetctl (fixtures/fake-bin/fleetctl, put first in PATH): fleet is not
// packaged by Debian and needs fleetd + etcd v2, so the real binary cannot run on these machines. What
// is tested is the module's side: the fleetctl command lines it builds, how it reads list-unit-files and
// cat, the content compare, and check mode. Not tested: fleet's own behaviour beyond what the fake mimics.
import { readFileSync, rmSync } from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import { fleetUnit, fleetPlan, parseDstate } from '../../../src/modules/fleet-unit.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { fleetCases } from './cases/fleet.js'
import { makeCtx, prepare, runCase } from './harness.js'
import { useFakeCli } from './fake-cli.js'

const { root, target } = useFakeCli('FLEET', 'registry')

describe('fleet_unit cases', () => {
  for (const c of fleetCases) it(c.name, () => runCase(target, c).then(() => undefined), 30_000)
})

describe('fleet_unit command lines', () => {
  const log = () => readFileSync(process.env.FAKE_FLEET_CALLS as string, 'utf8').trim().split('\n')
  beforeEach(async () => {
    await prepare(target, [{ path: `${root}/unit files/a@1.service`, content: '[Service]\n' }])
    rmSync(process.env.FAKE_FLEET_CALLS as string, { force: true })
  })

  it('passes --endpoint first and quotes the path; check mode only reads', async () => {
    const args = { path: `${root}/unit files/a@1.service`, endpoint: 'http://127.0.0.1:2379' }
    const checked = await runModule(fleetUnit, makeCtx(target.conn, { check: true }), args)
    expect(checked.status).toBe('changed')
    expect(log()).toEqual(['--endpoint=http://127.0.0.1:2379 list-unit-files -no-legend -fields=unit,dstate'])
    const res = await runModule(fleetUnit, makeCtx(target.conn), args)
    expect(res.status, res.msg).toBe('changed')
    expect(log().slice(1)).toEqual([
      '--endpoint=http://127.0.0.1:2379 list-unit-files -no-legend -fields=unit,dstate',
      `--endpoint=http://127.0.0.1:2379 submit ${root}/unit files/a@1.service`,
      '--endpoint=http://127.0.0.1:2379 start -no-block a@1.service',
    ])
  })

  it('a fleet that cannot be reached fails with fleetctl\'s reason', async () => {
    process.env.FAKE_FLEET_DOWN = '1'
    try {
      const res = await runModule(fleetUnit, makeCtx(target.conn), { path: `${root}/unit files/a@1.service` })
      expect(res.status).toBe('failed')
      expect(res.msg).toContain('fleetctl list-unit-files failed')
    } finally {
      delete process.env.FAKE_FLEET_DOWN
    }
  })
})

describe('fleet_unit pure parts', () => {
  it('reads dstate from list-unit-files', () => {
    const text = 'controller.service\tlaunched\nnetwork.service\tinactive\n'
    expect(parseDstate(text, 'network.service')).toBe('inactive')
    expect(parseDstate(text, 'compute.service')).toBe('')
    expect(parseDstate(text, 'controller')).toBe('')
  })

  it.each([
    ['absent', 'launched', [['destroy', 'u.service']]],
    ['absent', '', []],
    ['stopped', '', [['submit', '/p/u.service']]],
    ['stopped', 'inactive', []],
    ['started', 'loaded', [['start', '-no-block', 'u.service']]],
  ] as const)('state=%s from dstate=%j', (state, dstate, steps) => {
    expect(fleetPlan({ state, path: '/p/u.service' }, 'u.service', { dstate, current: 'x', wanted: 'x' })).toEqual(steps)
  })
})
