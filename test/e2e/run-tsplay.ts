// Runs the built CLI as a user would (`npm test` builds first) and captures its output.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { HostStats } from '../../src/executor/events.js'

const BIN = fileURLToPath(new URL('../../bin/tsplay.js', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export interface RunTsplayOptions {
  cwd?: string
  env?: Record<string, string>
  /** Run in a session of its own: no controlling terminal (as from cron or CI), /dev/tty cannot open. */
  noTerminal?: boolean
  /** Written to its stdin, then closed. */
  input?: string
}

/** Any command (ansible-playbook, the built CLI), asynchronously: the test process keeps serving meanwhile. */
export function runCommand(command: string, args: string[], options: RunTsplayOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, detached: options.noTerminal === true })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    if (options.input !== undefined) child.stdin.end(options.input)
  })
}

export function runTsplay(args: string[], options: RunTsplayOptions = {}): Promise<CliResult> {
  return runCommand(process.execPath, [BIN, ...args], { ...options, env: { NO_COLOR: '1', ...options.env } })
}

export type RecapRow = HostStats

/** PLAY RECAP lines → per-host counters. */
export function parseRecap(stdout: string): Record<string, RecapRow> {
  const out: Record<string, RecapRow> = {}
  const section = stdout.slice(stdout.lastIndexOf('PLAY RECAP'))
  for (const line of section.split('\n').slice(1)) {
    const m = /^(\S+)\s+:\s+(.*)$/.exec(line.trim())
    if (!m) continue
    const row = Object.fromEntries([...m[2].matchAll(/(\w+)=(\d+)/g)].map(([, k, v]) => [k, Number(v)]))
    out[m[1]] = row as unknown as RecapRow
  }
  return out
}
