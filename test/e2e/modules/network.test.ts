// get_url, uri and wait_for on a lab host against an HTTP server on the lab bridge address; fetch to the controller.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { networkCases } from '../../unit/modules/cases/network.js'
import { checkFetch } from '../../unit/modules/fetch-checks.js'
import { runCase } from '../../unit/modules/harness.js'
import { closedPort, startServer, type TestServer } from '../../unit/modules/support/http-server.js'
import { controllerIp } from '../connection/conn-helpers.js'
import { resetHost } from '../lab-helpers.js'
import { labTarget } from './support.js'

const t = labTarget('lab-3', '/srv/tsplay-net')
let server: TestServer

beforeAll(async () => {
  server = await startServer(controllerIp())
  t.placeholders = { http: server.url, httphost: controllerIp(), port: String(server.port), closed: String(await closedPort()) }
})
afterAll(async () => {
  await server?.close()
  await t.pool.closeAll()
  await resetHost('lab-3')
})

describe('lab-3 network modules', () => {
  for (const c of networkCases) it(c.name, () => runCase(t, c).then(() => undefined))
  it('fetch to the controller', () => checkFetch(t))
})
