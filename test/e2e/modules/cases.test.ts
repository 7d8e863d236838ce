// The same data-driven module cases as the unit suite, over SSH on lab hosts: first run changed,
// second ok, check mode leaves the host's upperdir untouched, state asserted on the host.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { allCases } from '../../unit/modules/cases/index.js'
import { systemCases } from '../../unit/modules/cases/system.js'
import { runCase } from '../../unit/modules/harness.js'
import { installRepo } from '../../unit/modules/support/debs.js'
import { resetHost } from '../lab-helpers.js'
import { labTarget } from './support.js'

const files = labTarget('lab-1', '/srv/tsplay-e2e')
const system = labTarget('lab-2', '/srv/tsplay-e2e', files.pool)

beforeAll(async () => {
  await system.conn.put(readFileSync(new URL('../../unit/modules/fixtures/initd/tsplaydummy', import.meta.url)), '/etc/init.d/tsplaydummy', { mode: '0755' })
  await installRepo(system.conn, '/srv/tsplay-repo', [['tsplay-hello', '1.0'], ['tsplay-hello', '2.0'], ['tsplay-other', '1.0']])
  await system.conn.run('hostname tsplay-sandbox') // the hostname case expects to start from this name
})

afterAll(async () => {
  await system.conn.run('/etc/init.d/tsplaydummy stop')
  await files.pool.closeAll()
  // leave lab hosts as fresh as other e2e files expect them
  await resetHost('lab-1')
  await resetHost('lab-2')
})

for (const [group, cases] of Object.entries(allCases)) {
  describe(`lab-1 ${group}`, () => {
    for (const c of cases) it(c.name, () => runCase(files, c).then(() => undefined))
  })
}

for (const [group, cases] of Object.entries(systemCases)) {
  describe(`lab-2 ${group}`, () => {
    for (const c of cases) it(c.name, () => runCase(system, c).then(() => undefined))
  })
}
