// Compat: one playbook file through Debian's ansible-playbook (on lab-1) and through `tsplay run` (on
// lab-2), both hosts fresh: YAML loading, the executor, templates and modules are all compared. The
// resulting files, modes, owners and per-task changed flags must match, in two rounds (second-round
// changes must match too). Run alone with:
//   npx vitest run --project e2e test/e2e/modules/compat.test.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import yaml from 'js-yaml'
import { buildDeb } from '../../unit/modules/support/debs.js'
import { startServer, type TestServer } from '../../unit/modules/support/http-server.js'
import { controllerIp, newPool } from '../connection/conn-helpers.js'
import { resetHost } from '../lab-helpers.js'
import { ansibleRun, tsplayRun } from './compat-run.js'
import { compatTasks, TEMPLATE, TEMPLATE_VARS } from './compat-tasks.js'
import { labTarget } from './support.js'

const work = mkdtempSync(join(tmpdir(), 'tsplay-compat-'))
const pool = newPool() // the test's own connections: snapshots and clean-up
let server: TestServer
let tasks: typeof compatTasks

const initd = fileURLToPath(new URL('../../unit/modules/fixtures/initd/tsplaydummy', import.meta.url))
const fillTask = (v: unknown) =>
  JSON.parse(
    JSON.stringify(v)
      .split('{http}').join(server.url)
      .split('{tpl}').join(join(work, 'app.conf.j2'))
      .split('{initd}').join(initd)
      .split('{deb}').join(join(work, 'tsplay-hello_1.0_all.deb')),
  )

beforeAll(async () => {
  await resetHost('lab-1')
  await resetHost('lab-2')
  server = await startServer(controllerIp())
  writeFileSync(join(work, 'app.conf.j2'), TEMPLATE)
  buildDeb(work, 'tsplay-hello', '1.0')
  tasks = compatTasks.map(fillTask)
})

afterAll(async () => {
  await server?.close()
  for (const h of ['lab-1', 'lab-2'] as const) await labTarget(h, '/', pool).conn.run('/etc/init.d/tsplaydummy stop')
  await pool.closeAll()
  rmSync(work, { recursive: true, force: true })
  await resetHost('lab-1')
  await resetHost('lab-2')
})

/** The one playbook both tools run: the compat tasks on group `compat`, vars for the template. */
function writePlaybook(): string {
  const play = [{ hosts: 'compat', gather_facts: false, vars: TEMPLATE_VARS, tasks: tasks.map((t) => ({ name: t.name, [t.module]: t.args })) }]
  const file = join(work, 'compat.yml')
  writeFileSync(file, yaml.dump(play))
  return file
}

const snapshot = async (host: 'lab-1' | 'lab-2') => {
  const t = labTarget(host, '/srv/compat', pool)
  const script = [
    `cd /srv/compat && find . -printf '%p %y %m %u %g %l\\n' | sort && find . -type f -exec sha256sum {} + | sort`,
    'getent passwd compatu; getent group compatg',
    'ls -l /etc/rc?.d/*tsplaydummy | sed "s/.* \\(\\/etc\\)/\\1/"; /etc/init.d/tsplaydummy status; echo "running=$?"',
    `dpkg-query -W -f='\${Status} \${Version}\\n' tsplay-hello; cat /usr/share/tsplay-hello/version`,
  ].join('; ')
  return (await t.conn.run(script)).stdout
}

it('ansible-core and tsplay leave the same files, modes and owners, with the same changed flags', async () => {
  const playbook = writePlaybook()
  // two rounds: the tasks touch each other's files (copy then lineinfile on one file, recurse over
  // nested dirs), so the second round also changes things; both tools must agree on which
  for (const round of [1, 2]) {
    const ansibleChanged = await ansibleRun(work, playbook)
    const tsplayChanged = await tsplayRun(work, playbook)
    const state = await snapshot('lab-1')
    expect(await snapshot('lab-2'), `round ${round}: host state`).toBe(state)
    // the comparison is not vacuous: service, boot links and package are in the state
    expect(state).toMatch(/\/etc\/rc2\.d\/S\d\dtsplaydummy/)
    expect(state).toContain('running=0')
    expect(state).toContain('install ok installed 1.0')
    expect(Object.keys(ansibleChanged)).toHaveLength(tasks.length)
    expect(tsplayChanged, `round ${round}: changed flags`).toEqual(ansibleChanged)
  }
}, 300_000)
