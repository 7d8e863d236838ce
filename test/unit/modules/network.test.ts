// get_url, uri and wait_for against a local HTTP server, over LocalConnection (curl on this machine).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { networkCases } from './cases/network.js'
import { runCase, type Target } from './harness.js'
import { closedPort, startServer, type TestServer } from './support/http-server.js'

let server: TestServer
const base = mkdtempSync(join(tmpdir(), 'tsplay-net-'))
let placeholders: Record<string, string>

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
