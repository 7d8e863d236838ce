// A connection still in its handshake when tsplay stops (a prewarmed host the run never reached, a
// playbook that failed to load) is abandoned at once: close() must not wait for the connect timeout.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { utils } from 'ssh2'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ConnectionPool, connectionFor } from '../../../src/connection/index.js'
import { SshConnection } from '../../../src/connection/ssh.js'

let dir: string
let server: Server
const accepted: Socket[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-abandon-'))
  writeFileSync(join(dir, 'id'), utils.generateKeyPairSync('ed25519').private, { mode: 0o600 })
  // accepts and never says a word: the client waits for the server's SSH banner until its timeout
  server = createServer((s) => accepted.push(s))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
})

afterEach(async () => {
  for (const s of accepted.splice(0)) s.destroy()
  await new Promise((r) => server.close(r))
  rmSync(dir, { recursive: true, force: true })
})

it('close() abandons a handshake in progress instead of waiting for the connect timeout', async () => {
  const port = (server.address() as { port: number }).port
  // a 10-minute timeout: only the abandon can settle this within the test's 30 s
  const pool = new ConnectionPool({ privateKeyFile: join(dir, 'id'), connectTimeoutMs: 600_000, knownHostsFiles: [join(dir, 'known_hosts')] })
  const conn = connectionFor('silent', { ansible_host: '127.0.0.1', ansible_port: port, ansible_user: 'nobody' }, { pool })
  expect(conn).toBeInstanceOf(SshConnection)
  const connecting = (conn as SshConnection).connect()
  const failure = connecting.then(() => 'connected', (e: Error) => e.message)
  await new Promise<void>((resolve) => (accepted.length ? resolve() : server.once('connection', () => resolve())))
  await pool.closeAll()
  expect(await failure).toMatch(/abandoned/)
  // the server sees its socket closed by the client
  await new Promise<void>((resolve) => (accepted[0].destroyed || accepted[0].readableEnded ? resolve() : accepted[0].once('close', () => resolve())))
})
