// Connections start before the rest of tsplay loads. Loading the engine, modules and templates takes
// ~130 ms of one controller core; sshd's side of a handshake runs on the others, so the two overlap.
// Only where the connection is known from the inventory alone: a literal host pattern, and nothing in
// the play or on the command line that changes how to connect. The run then finds these connections
// in the pool (same host, user and port) and uses them; a failure shows when the run itself connects.
// (A role whose vars set ansible_user leaves its prewarmed connection unused: the pool keys by user.)
import { readFileSync } from 'node:fs'
import { loadYaml } from '../util/yaml.js'
import { SshConnection } from '../connection/ssh.js'
import type { Session } from './session.js'

// play keywords that change the user, port or transport of the play's connections, or its batches
const PLAY_CONNECTION_KEYS = ['remote_user', 'connection', 'port', 'serial', 'vars_files', 'vars_prompt']

/** Opens (in the background) the connections of up to `forks` hosts of the pattern. */
export function prewarmPattern(session: Session, pattern: string): void {
  const { inventory, limit, forks, remoteUser, extraVars } = session.base
  if (pattern.includes('{{') || Object.keys(extraVars).some(isConnectionVar)) return
  const limited = limit ? new Set(inventory.select(limit)) : undefined
  const hosts = inventory.select(pattern).filter((h) => !limited || limited.has(h))
  for (const host of hosts.slice(0, forks)) {
    const vars: Record<string, unknown> = { ...inventory.hostVars(host) }
    if (Object.entries(vars).some(([k, v]) => isConnectionVar(k) && typeof v === 'string' && v.includes('{{'))) continue
    if (vars.ansible_user === undefined && remoteUser !== undefined) vars.ansible_user = remoteUser
    try {
      const conn = session.base.connect(host, vars)
      if (conn instanceof SshConnection) conn.connect().catch(() => undefined)
    } catch {
      // a bad connection setting is reported by the run, with its context
    }
  }
}

/** The first play's hosts, when they and its connections can be known without the engine. */
export function prewarmPlaybook(session: Session, file: string): void {
  let plays: unknown
  try {
    plays = loadYaml(readFileSync(file, 'utf8'), file)
  } catch {
    return // vault tags, syntax errors: the loader reports them
  }
  const play = Array.isArray(plays) ? (plays[0] as Record<string, unknown> | undefined) : undefined
  if (!play || typeof play.hosts !== 'string') return
  if (PLAY_CONNECTION_KEYS.some((k) => k in play)) return
  const vars = play.vars
  if (vars !== undefined && (typeof vars !== 'object' || vars === null || Object.keys(vars).some(isConnectionVar))) return
  prewarmPattern(session, play.hosts)
}

function isConnectionVar(name: string): boolean {
  return name.startsWith('ansible_')
}
