// get_url, uri and wait_for against a local HTTP server, over LocalConnection (curl on this machine).
import { createServer } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { networkCases } from './cases/network.js'
import { runCase, type Target } from './harness.js'
import { startServer, type TestServer } from './support/http-server.js'

let server: TestServer
const base = mkdtempSync(join(tmpdir(), 'tsplay-net-'))
let placeholders: Record<string, string>

/** A port that was free a moment ago and has nothing listening. */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, host, r))
  const port = (s.address() as { port: number }).port
  await new Promise((r) => s.close(r))
  return port
}

beforeAll(async () => {
  server = await startServer()
  placeholders = { http: server.url, httphost: '127.0.0.1', port: String(server.port), closed: String(await closedPort()) }
})
afterAll(async () => {
  await server.close()
  rmSync(base, { recursive: true, force: true })
})

describe('network modules', () => {
  networkCases.forEach((c, i) => {
    it(c.name, async () => {
      const t: Target = { conn: new LocalConnection(), root: join(base, `n${i}`), placeholders }
      await runCase(t, c)
    })
  })
})
