// ansible-core's setup and tsplay's, on the same lab host: `ansible HOST -m setup` (json callback) and the
// built `tsplay exec HOST -m setup --json`, each returning the facts.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { labHost, labInfo } from '../lab-helpers.js'
import { runCommand, runTsplay, type CliResult } from '../run-tsplay.js'
import type { Facts } from './compare.js'

export const work = mkdtempSync(join(tmpdir(), 'tsplay-facts-e2e-'))

/** An inventory naming `host` alone, reached as `user` with the lab's key and known_hosts, Python fixed for Ansible. */
export function inventory(host: string, user = 'root'): string {
  const info = labInfo()
  const ssh = `-F /dev/null -o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes`
  const file = join(work, `${host}-${user}.ini`)
  writeFileSync(file, `${host} ansible_host=${labHost(host).ip} ansible_user=${user} ansible_ssh_private_key_file=${info.key} ansible_ssh_common_args='${ssh}' ansible_python_interpreter=/usr/bin/python3\n`)
  return file
}

export const ansibleEnv = { ANSIBLE_HOME: join(work, 'ansible-home'), ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'True' }

export function spawnText(command: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCommand(command, args, { env })
}

type JsonReport = { plays: Array<{ tasks: Array<{ hosts: Record<string, { ansible_facts?: Facts; msg?: string; failed?: boolean }> }> }> }

function factsOf(stdout: string, host: string, tool: string): Facts {
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as JsonReport
  const result = report.plays[0].tasks[0].hosts[host]
  if (!result?.ansible_facts) throw new Error(`${tool} gave no facts: ${JSON.stringify(result).slice(0, 500)}`)
  return result.ansible_facts
}

/** `ansible HOST -m setup -a ARGS` */
export async function ansibleSetup(host: string, args = '', user = 'root'): Promise<Facts> {
  const env = { ...ansibleEnv, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_LOAD_CALLBACK_PLUGINS: '1' }
  const r = await spawnText('ansible', [host, '-i', inventory(host, user), '-m', 'setup', ...(args ? ['-a', args] : [])], env)
  return factsOf(r.stdout, host, `ansible (${r.stderr.slice(-300)})`)
}

/** `tsplay exec HOST -m setup -a ARGS --json` */
export async function tsplaySetup(host: string, args = '', user = 'root'): Promise<Facts> {
  const r = await runTsplay(['exec', host, '-i', inventory(host, user), '-m', 'setup', ...(args ? ['-a', args] : []), '--json'])
  return factsOf(r.stdout, host, `tsplay (${r.stderr.slice(-300)})`)
}
