// For the cluster e2e tests: a private lab (they need a 4th host and stop hosts), the tsplay CLI run
// from source, inventories beside the lab's hosts.ini, and plain `ssh root@host CMD` as a user would.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LabInfo } from '../../../src/lab/index.js'

export interface Run {
  rc: number
  stdout: string
  stderr: string
}

function spawnRun(cmd: string, args: string[], input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', reject)
    child.on('close', (code) => resolve({ rc: code ?? 255, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }))
    child.stdin.on('error', () => {})
    child.stdin.end(input)
  })
}

/** `tsplay ARGS…` from source. */
export function tsplay(...args: string[]): Promise<Run> {
  return spawnRun('npx', ['vite-node', 'test/e2e/cluster/fixtures/tsplay.ts', '--', ...args])
}

export interface JsonRun extends Run {
  stats: Record<string, { ok: number; changed: number; unreachable: number; failures: number }> // Ansible json callback names
}

/** `tsplay run PLAYBOOK --json …` with the recap's stats parsed. */
export async function play(playbook: string, ...args: string[]): Promise<JsonRun> {
  const res = await tsplay('run', playbook, '--json', ...args)
  let stats = {}
  try {
    stats = JSON.parse(res.stdout).stats
  } catch {
    throw new Error(`tsplay run ${playbook} printed no JSON (rc=${res.rc}):\n${res.stdout}\n${res.stderr}`)
  }
  return { ...res, stats }
}

/** Plain `ssh root@HOST CMD`: no flags to the command, the lab's key and known_hosts. */
export function ssh(lab: LabInfo, host: string, cmd: string): Promise<Run> {
  const ip = lab.hosts.find((h) => h.name === host)?.ip
  if (!ip) throw new Error(`no host ${host} in lab ${lab.name}`)
  return spawnRun('ssh', [
    '-i', lab.key, '-o', `UserKnownHostsFile=${lab.knownHosts}`, '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-F', '/dev/null', `root@${ip}`, cmd,
  ])
}

/** An inventory dir with the given YAML files and a `hosts` link to a lab's hosts.ini (LabInfo.hostsIni). */
export function inventoryDir(files: Record<string, string>, hostsIni: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-cluster-'))
  symlinkSync(hostsIni, join(dir, 'hosts'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** A copy of the committed inventory/lab (groups.yml, group_vars/) for `lab up --inventory`, which adds `hosts`. */
export function labInventoryCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-cluster-'))
  cpSync('inventory/lab', dir, { recursive: true, filter: (src) => !/\/hosts(\.ini)?$/.test(src) })
  return dir
}

export function removeDirs(...dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
}

/** Member names from `etcdctl member list` (simple output), started ones only. */
export function startedMembers(list: string): string[] {
  return list.split('\n').filter((l) => l.includes(', started, ')).map((l) => l.split(', ')[2]).sort()
}

export function changedTotal(stats: JsonRun['stats']): number {
  return Object.values(stats).reduce((sum, s) => sum + s.changed, 0)
}
