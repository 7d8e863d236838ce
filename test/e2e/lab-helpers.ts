// What e2e tests need from the lab: its hosts, each host's upperdir (exactly the files a run
// wrote), and the real `ssh` binary with the lab's key and strict host key checking.
import { spawn } from 'node:child_process'
import { readdirSync, lstatSync, rmSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import { deployPassword, labStart, labStop, type LabHostInfo, type LabInfo } from '../../src/lab/index.js'

export function labInfo(): LabInfo {
  return inject('lab')
}

export function labHost(name: string): LabHostInfo {
  const host = labInfo().hosts.find((h) => h.name === name)
  if (!host) throw new Error(`no lab host ${name}; hosts: ${labInfo().hosts.map((h) => h.name).join(', ')}`)
  return host
}

export function labPassword(): string {
  return deployPassword(labInfo())
}

export function upperdir(host: string): string {
  return labHost(host).upperdir
}

export interface UpperEntry {
  path: string // relative to the host's root, e.g. 'etc/motd'
  kind: 'file' | 'dir' | 'symlink' | 'deleted' | 'other'
}

/** Everything in the host's upperdir: what the host wrote, created or deleted since it started clean. */
export function upperEntries(host: string): UpperEntry[] {
  const root = upperdir(host)
  const out: UpperEntry[] = []
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name
      const st = lstatSync(join(root, path))
      if (st.isDirectory()) {
        out.push({ path, kind: 'dir' })
        walk(path)
      } else if (st.isFile()) out.push({ path, kind: 'file' })
      else if (st.isSymbolicLink()) out.push({ path, kind: 'symlink' })
      else if (st.isCharacterDevice() && st.rdev === 0) out.push({ path, kind: 'deleted' })
      else out.push({ path, kind: 'other' })
    }
  }
  walk('')
  return out
}

/**
 * Relative paths of every non-directory the host wrote (files, symlinks, deletions), sorted.
 * A fresh host writes nothing on its own: plain ssh/ssh2 sessions leave no trace. Known noise:
 * sudo's timestamp (run/sudo/ts/USER) after a become, and var/log/{lastlog,wtmp} after a pty (ssh -t).
 */
export function listUpperFiles(host: string): string[] {
  return upperEntries(host)
    .filter((e) => e.kind !== 'dir')
    .map((e) => e.path)
}

/** Restarts a host with an empty upperdir: a fresh machine for the next test. */
export async function resetHost(host: string): Promise<void> {
  const info = labInfo()
  await labStop(host, { name: info.name })
  const upper = upperdir(host)
  const work = join(upper, '..', 'work')
  for (const dir of [upper, work]) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { mode: 0o755 })
  }
  await labStart(host, { name: info.name })
}

export interface SshResult {
  rc: number
  stdout: string
  stderr: string
}

export interface SshOptions {
  user?: string // default root
  input?: string
  knownHosts?: string // default the lab's
  connectTimeoutS?: number
}

/** Runs `cmd` on a lab host (by IP) with the real ssh client, strict host key checking, no prompts. */
export function sshRun(host: string, cmd: string, options: SshOptions = {}): Promise<SshResult> {
  const info = labInfo()
  const args = [
    '-i', info.key,
    '-o', `UserKnownHostsFile=${options.knownHosts ?? info.knownHosts}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes',
    '-o', 'IdentitiesOnly=yes',
    '-o', `ConnectTimeout=${options.connectTimeoutS ?? 5}`,
    '-F', '/dev/null',
    `${options.user ?? 'root'}@${labHost(host).ip}`,
    cmd,
  ]
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ rc: code ?? 255, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    )
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}
