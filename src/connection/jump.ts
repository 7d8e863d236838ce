// Streams to a host that is not dialled directly: through a jump host's direct-tcpip channel
// (ProxyJump, and `ProxyCommand ssh -W %h:%p`), or through any other ProxyCommand run locally.
import { spawn, type ChildProcess } from 'node:child_process'
import { Duplex } from 'node:stream'
import type { Client } from 'ssh2'
import { quote } from '../util/shell-quote.js'
import { expandTokens } from './ssh-config.js'

export function forwardOut(via: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) =>
    via.forwardOut('127.0.0.1', 0, host, port, (err, stream) =>
      err ? reject(new Error(`jump host cannot open ${host}:${port}: ${err.message}`)) : resolve(stream),
    ),
  )
}

// ProxyCommand relays run in process groups of their own: ending one ends the shell and whatever it
// started (a relay behind `sh -c`), and tsplay ends every group still there when it exits, even at once
// on a second Ctrl-C.
const relays = new Set<ChildProcess>()

function endRelay(child: ChildProcess): void {
  relays.delete(child)
  if (child.pid === undefined || child.exitCode !== null) return
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    // already gone
  }
}

function track(child: ChildProcess): void {
  if (relays.size === 0 && !process.listeners('exit').includes(endAllRelays)) process.on('exit', endAllRelays)
  relays.add(child)
  child.on('exit', () => relays.delete(child))
}

function endAllRelays(): void {
  for (const child of [...relays]) endRelay(child)
}

/** Runs a ProxyCommand through /bin/sh and uses its stdin/stdout as the transport. */
export function proxyCommandStream(command: string, t: { host: string; port: number; user: string }): Duplex {
  // unlike OpenSSH, %h/%r are quoted: inventory values must not become shell syntax
  const line = expandTokens(command, { host: quote(t.host), port: t.port, user: quote(t.user) })
  const child = spawn('/bin/sh', ['-c', line], { stdio: ['pipe', 'pipe', 'ignore'], detached: true })
  track(child)
  const stream = Duplex.from({ readable: child.stdout, writable: child.stdin })
  stream.on('close', () => endRelay(child))
  child.on('error', (e) => stream.destroy(e))
  return stream
}
