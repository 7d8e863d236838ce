// The file-level cases again, logged in as the unprivileged `deploy` user with sudo (password) as
// become: every run/put/get of the modules must carry ctx.become, or root-owned paths fail.
import { afterAll, describe, it } from 'vitest'
import { connectionFor } from '../../../src/connection/index.js'
import { allCases } from '../../unit/modules/cases/index.js'
import { runCase, type Target } from '../../unit/modules/harness.js'
import { labVars } from '../connection/conn-helpers.js'
import { labPassword, resetHost } from '../lab-helpers.js'
import { labTarget } from './support.js'

const admin = labTarget('lab-3', '/srv/tsplay-become')
const t: Target = {
  ...admin,
  conn: connectionFor('lab-3', labVars('lab-3', { ansible_user: 'deploy' }), { pool: admin.pool }),
  admin: admin.conn,
  become: { method: 'sudo', user: 'root', password: labPassword() },
}

afterAll(async () => {
  await admin.pool.closeAll()
  await resetHost('lab-3')
})

for (const [group, cases] of Object.entries(allCases)) {
  describe(`become (deploy → sudo root) ${group}`, () => {
    for (const c of cases) it(c.name, () => runCase(t, c).then(() => undefined))
  })
}
