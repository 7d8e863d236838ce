// Compat: one playbook file through Debian's ansible-playbook (on lab-1) and through `tsplay run` (on
// lab-2), both hosts fresh: YAML loading, the executor, templates and modules are all compared. The
// resulting files, modes, owners and per-task changed flags must match, in two rounds (second-round
// changes must match too). Run alone with:
//   npx vitest run --project e2e test/e2e/modules/compat.test.ts
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import yaml from 'js-yaml'
import { buildDeb } from '../../unit/modules/support/debs.js'
import { startServer, type TestServer } from '../../unit/modules/support/http-server.js'
import { controllerIp, newPool } from '../connection/conn-helpers.js'
import { labHost, labInfo, resetHost } from '../lab-helpers.js'
import { compatTasks, TEMPLATE, TEMPLATE_VARS } from './compat-tasks.js'
import { labTarget } from './support.js'

const TSPLAY = fileURLToPath(new URL('../../../bin/tsplay.js', import.meta.url))
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

/** An inventory putting `host` alone in group compat, reached with the lab's key and known_hosts. */
function inventoryFor(host: 'lab-1' | 'lab-2', extra = ''): string {
  const info = labInfo()
  const ssh = `-F /dev/null -o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes`
  const file = join(work, `${host}.ini`)
  writeFileSync(file, `[compat]\n${host} ansible_host=${labHost(host).ip} ansible_user=root ansible_ssh_private_key_file=${info.key} ansible_ssh_common_args='${ssh}'${extra}\n`)
  return file
}

type JsonReport = { plays: Array<{ tasks: Array<{ hosts: Record<string, { changed?: boolean; failed?: boolean; msg?: string }> }> }> }

/** Each task's changed flag on `host`, from a json-callback-shaped report; a failed task fails the test. */
function changedFlags(report: JsonReport, host: string, tool: string): boolean[] {
  return report.plays[0].tasks.map((t, i) => {
    const r = t.hosts[host]
    if (!r || r.failed) throw new Error(`${tool} failed on '${tasks[i].name}': ${r?.msg}`)
    return !!r.changed
  })
}

function spawnJson(command: string, args: string[], env: Record<string, string>): Promise<JsonReport> {
  // async: the test's HTTP server lives in this process and must keep answering get_url
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b))
    child.stderr.on('data', (b: Buffer) => (stderr += b))
    child.on('error', reject)
    child.on('close', () => {
      if (!stdout.includes('{')) return reject(new Error(`${command}: ${stderr}`))
      resolve(JSON.parse(stdout.slice(stdout.indexOf('{'))) as JsonReport)
    })
  })
}

/** ansible-playbook runs the playbook on lab-1. */
async function ansibleRun(playbook: string): Promise<boolean[]> {
  const inventory = inventoryFor('lab-1', ' ansible_python_interpreter=/usr/bin/python3')
  const env = { ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_HOME: join(work, 'ansible-home'), ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'True' }
  return changedFlags(await spawnJson('ansible-playbook', ['-i', inventory, playbook], env), 'lab-1', 'ansible')
}

/** tsplay run (the built CLI, as a user runs it) runs the same playbook file on lab-2. */
async function tsplayRun(playbook: string): Promise<boolean[]> {
  const report = await spawnJson(process.execPath, [TSPLAY, 'run', playbook, '-i', inventoryFor('lab-2'), '--json'], { NO_COLOR: '1' })
  return changedFlags(report, 'lab-2', 'tsplay')
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
  const byTask = (flags: boolean[]) => Object.fromEntries(tasks.map((t, i) => [t.name, flags[i]]))
  const playbook = writePlaybook()
  // two rounds: the tasks touch each other's files (copy then lineinfile on one file, recurse over
  // nested dirs), so the second round also changes things; both tools must agree on which
  for (const round of [1, 2]) {
    const ansibleChanged = await ansibleRun(playbook)
    const tsplayChanged = await tsplayRun(playbook)
    const state = await snapshot('lab-1')
    expect(await snapshot('lab-2'), `round ${round}: host state`).toBe(state)
    // the comparison is not vacuous: service, boot links and package are in the state
    expect(state).toMatch(/\/etc\/rc2\.d\/S\d\dtsplaydummy/)
    expect(state).toContain('running=0')
    expect(state).toContain('install ok installed 1.0')
    expect(byTask(tsplayChanged), `round ${round}: changed flags`).toEqual(byTask(ansibleChanged))
  }
}, 300_000)
