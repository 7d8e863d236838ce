// Compat: the same tasks through Debian's ansible-core (on lab-1) and through tsplay's modules
// (on lab-2), both fresh; the resulting files, modes, owners and per-task changed flags must match,
// in two rounds (second-round changes must match too). Run alone with:
//   npx vitest run --project e2e test/e2e/modules/compat.test.ts
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { modules, isModuleName } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx } from '../../unit/modules/harness.js'
import { buildDeb } from '../../unit/modules/support/debs.js'
import { startServer, type TestServer } from '../../unit/modules/support/http-server.js'
import { controllerIp } from '../connection/conn-helpers.js'
import { labHost, labInfo, resetHost } from '../lab-helpers.js'
import { compatTasks, TEMPLATE, TEMPLATE_VARS } from './compat-tasks.js'
import { labTarget } from './support.js'

const work = mkdtempSync(join(tmpdir(), 'tsplay-compat-'))
const tsplayHost = labTarget('lab-2', '/srv/compat')
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
  for (const h of ['lab-1', 'lab-2'] as const) await labTarget(h, '/', tsplayHost.pool).conn.run('/etc/init.d/tsplaydummy stop')
  await tsplayHost.pool.closeAll()
  rmSync(work, { recursive: true, force: true })
  await resetHost('lab-1')
  await resetHost('lab-2')
})

/** Runs the tasks with ansible-playbook on lab-1; returns each task's changed flag. */
async function ansibleRun(): Promise<boolean[]> {
  const info = labInfo()
  const ssh = `-F /dev/null -o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes`
  writeFileSync(join(work, 'hosts.ini'), `lab-1 ansible_host=${labHost('lab-1').ip} ansible_user=root ansible_ssh_private_key_file=${info.key} ansible_python_interpreter=/usr/bin/python3 ansible_ssh_common_args='${ssh}'\n`)
  const play = [{ hosts: 'lab-1', gather_facts: false, vars: TEMPLATE_VARS, tasks: tasks.map((t) => ({ name: t.name, [t.module]: t.args })) }]
  writeFileSync(join(work, 'play.json'), JSON.stringify(play))
  // async: the test's HTTP server lives in this process and must keep answering get_url
  const run = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('ansible-playbook', ['-i', join(work, 'hosts.ini'), join(work, 'play.json')], {
      env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_HOME: join(work, 'ansible-home'), ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'True' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b))
    child.stderr.on('data', (b: Buffer) => (stderr += b))
    child.on('error', reject)
    child.on('close', () => resolve({ stdout, stderr }))
  })
  const out = run.stdout
  if (!out.includes('{')) throw new Error(`ansible-playbook: ${run.stderr}`)
  const report = JSON.parse(out.slice(out.indexOf('{'))) as { plays: Array<{ tasks: Array<{ hosts: Record<string, { changed?: boolean; failed?: boolean; msg?: string }> }> }> }
  return report.plays[0].tasks.map((t, i) => {
    const r = t.hosts['lab-1']
    if (r.failed) throw new Error(`ansible failed on '${tasks[i].name}': ${r.msg}`)
    return !!r.changed
  })
}

async function tsplayRun(): Promise<boolean[]> {
  const ctx = makeCtx(tsplayHost.conn, { vars: TEMPLATE_VARS })
  const changed: boolean[] = []
  for (const t of tasks) {
    if (!isModuleName(t.module)) throw new Error(`tsplay has no module ${t.module}`)
    const r = await runModule(modules[t.module] as never, ctx, t.args)
    if (r.status === 'failed') throw new Error(`tsplay failed on '${t.name}': ${r.msg}`)
    changed.push(r.status === 'changed')
  }
  return changed
}

const snapshot = async (host: 'lab-1' | 'lab-2') => {
  const t = labTarget(host, '/srv/compat', tsplayHost.pool)
  const script = [
    `cd /srv/compat && find . -printf '%p %y %m %u %g %l\\n' | sort && find . -type f -exec sha256sum {} + | sort`,
    'getent passwd compatu; getent group compatg',
    'ls -l /etc/rc?.d/*tsplaydummy | sed "s/.* \\(\\/etc\\)/\\1/"; /etc/init.d/tsplaydummy status; echo "running=$?"',
    `dpkg-query -W -f='\${Status} \${Version}\\n' tsplay-hello; cat /usr/share/tsplay-hello/version`,
  ].join('; ')
  return (await t.conn.run(script)).stdout
}

it('ansible-core and tsplay leave the same files, modes and owners, with the same changed flags', async () => {
  const byTask = (flags: boolean[]) => Object.fromEntries(tasks.map((t, i) => [t.name, flags[i]]))
  // two rounds: the tasks touch each other's files (copy then lineinfile on one file, recurse over
  // nested dirs), so the second round also changes things; both tools must agree on which
  for (const round of [1, 2]) {
    const ansibleChanged = await ansibleRun()
    const tsplayChanged = await tsplayRun()
    const state = await snapshot('lab-1')
    expect(await snapshot('lab-2'), `round ${round}: host state`).toBe(state)
    // the comparison is not vacuous: service, boot links and package are in the state
    expect(state).toMatch(/\/etc\/rc2\.d\/S\d\dtsplaydummy/)
    expect(state).toContain('running=0')
    expect(state).toContain('install ok installed 1.0')
    expect(byTask(tsplayChanged), `round ${round}: changed flags`).toEqual(byTask(ansibleChanged))
  }
}, 300_000)
