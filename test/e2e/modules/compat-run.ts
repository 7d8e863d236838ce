// One playbook file, two tools: Debian's ansible-playbook on lab-1 and the built `tsplay run` on lab-2,
// each reporting in the json callback's shape; what each task changed comes back per task name.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { labHost, labInfo } from '../lab-helpers.js'
import { runCommand } from '../run-tsplay.js'

const TSPLAY = fileURLToPath(new URL('../../../bin/tsplay.js', import.meta.url))

type JsonReport = { plays: Array<{ tasks: Array<{ task: { name: string }; hosts: Record<string, { changed?: boolean; failed?: boolean; msg?: string }> }> }> }

/** An inventory putting `host` alone in group compat, reached with the lab's key and known_hosts. */
function inventoryFor(work: string, host: 'lab-1' | 'lab-2', extra = ''): string {
  const info = labInfo()
  const ssh = `-F /dev/null -o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes`
  const file = join(work, `${host}.ini`)
  writeFileSync(file, `[compat]\n${host} ansible_host=${labHost(host).ip} ansible_user=root ansible_ssh_private_key_file=${info.key} ansible_ssh_common_args='${ssh}'${extra}\n`)
  return file
}

/** Each task's changed flag on `host` (task name → flag); a failed task fails the test, naming the tool. */
function changedFlags(report: JsonReport, host: string, tool: string): Record<string, boolean> {
  const out: Record<string, boolean> = {}
  report.plays.forEach((play, p) =>
    play.tasks.forEach((t, i) => {
      const r = t.hosts[host]
      if (!r) return // skipped for this host's group, or by when on every host
      if (r.failed) throw new Error(`${tool} failed on '${t.task.name}': ${r.msg}`)
      out[`${p}.${i} ${t.task.name}`] = !!r.changed
    }),
  )
  return out
}

async function spawnJson(command: string, args: string[], env: Record<string, string>): Promise<JsonReport> {
  // async: a test's HTTP server lives in this process and must keep answering get_url
  const { stdout, stderr } = await runCommand(command, args, { env })
  if (!stdout.includes('{')) throw new Error(`${command}: ${stderr}`)
  return JSON.parse(stdout.slice(stdout.indexOf('{'))) as JsonReport
}

/** ansible-playbook runs the playbook on lab-1. */
export async function ansibleRun(work: string, playbook: string): Promise<Record<string, boolean>> {
  const inventory = inventoryFor(work, 'lab-1', ' ansible_python_interpreter=/usr/bin/python3')
  const env = { ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_HOME: join(work, 'ansible-home'), ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'True' }
  return changedFlags(await spawnJson('ansible-playbook', ['-i', inventory, playbook], env), 'lab-1', 'ansible')
}

/** tsplay run (the built CLI, as a user runs it) runs the same playbook file on lab-2. */
export async function tsplayRun(work: string, playbook: string): Promise<Record<string, boolean>> {
  const report = await spawnJson(process.execPath, [TSPLAY, 'run', playbook, '-i', inventoryFor(work, 'lab-2'), '--json'], { NO_COLOR: '1' })
  return changedFlags(report, 'lab-2', 'tsplay')
}
