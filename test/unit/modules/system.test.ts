// Modules that change system state (services, users, packages…) run in a sandbox root
// (support/sandbox.ts): overlayfs over /, private namespaces, upperdir checked around check mode.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { systemCases } from './cases/system.js'
import { runCase, type Target } from './harness.js'
import { installRepo } from './support/debs.js'
import { openSandbox, type Sandbox } from './support/sandbox.js'

let sb: Sandbox
let target: Target
beforeAll(async () => {
  sb = await openSandbox('system')
  await sb.conn.put(readFileSync(new URL('./fixtures/initd/tsplaydummy', import.meta.url)), '/etc/init.d/tsplaydummy', { mode: '0755' })
  await installRepo(sb.conn, '/srv/tsplay-repo', [['tsplay-hello', '1.0'], ['tsplay-hello', '2.0'], ['tsplay-other', '1.0']])
  target = { conn: sb.conn, root: '/srv/tsplay-case', changes: () => sb.changes() }
}, 30_000)
afterAll(async () => {
  await sb?.conn.run('/etc/init.d/tsplaydummy stop')
  await sb?.close()
})

for (const [group, cases] of Object.entries(systemCases)) {
  describe(group, () => {
    for (const c of cases) it(c.name, () => runCase(target, c).then(() => undefined), 30_000)
  })
}
