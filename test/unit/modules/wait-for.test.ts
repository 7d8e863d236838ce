// wait_for with Ansible's results and messages (its wait_for target asserts them), on the controller as host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules } from '../../../src/modules/index.js'
import { procHex } from '../../../src/modules/lib/proc-net.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx } from './harness.js'

const base = mkdtempSync(join(tmpdir(), 'tsplay-waitfor-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))
const ctx = makeCtx(new LocalConnection())
const wait = (args: Record<string, unknown>) => runModule(modules.wait_for, ctx, args)

describe('wait_for', () => {
  it('with neither port nor path waits delay + timeout seconds', async () => {
    const r = await wait({ timeout: 1, delay: 1 })
    expect(r.status).toBe('ok')
    expect(r.data).toMatchObject({ elapsed: 2, state: 'started', port: null, path: null, search_regex: null, match_groups: [], match_groupdict: {} })
  })

  it('a path appearing, and a Python regex with its groups', async () => {
    const f = join(base, 'kw')
    setTimeout(() => writeFileSync(f, 'starting\n'), 300)
    setTimeout(() => writeFileSync(f, 'starting\ncompleted data 123\n'), 1500)
    const r = await wait({ path: f, search_regex: 'completed (?P<foo>\\w+) ([0-9]+)', timeout: 5 })
    expect(r.status).toBe('ok')
    expect(r.data).toMatchObject({ path: f, search_regex: 'completed (?P<foo>\\w+) ([0-9]+)', match_groups: ['data', '123'], match_groupdict: { foo: 'data' } })
    expect(r.data.elapsed).toBeGreaterThanOrEqual(1)
  })

  it('a regex finds its text in a binary (UTF-16) file', async () => {
    const f = join(base, 'utf16')
    writeFileSync(f, Buffer.concat([Buffer.from('\xff\xfep\x00r\x00\xe8\x00', 'latin1'), Buffer.from('completed\n')]))
    expect((await wait({ path: f, search_regex: 'completed', timeout: 2 })).status).toBe('ok')
  })

  it("times out on a closed port with Ansible's message, or the task's msg", async () => {
    const r = await wait({ port: 1, timeout: 2 })
    expect(r).toMatchObject({ status: 'failed', msg: 'Timeout when waiting for 127.0.0.1:1', data: { elapsed: 2 } })
    expect((await wait({ port: 1, timeout: 1, msg: 'custom' })).msg).toBe('custom')
    expect((await wait({ path: join(base, 'never'), timeout: 1 })).msg).toBe(`Timeout when waiting for file ${join(base, 'never')}`)
  })

  it('drained: a listening port with no connections is drained at once; one held open keeps it busy', async () => {
    const server: Server = createServer((s) => s.on('error', () => {}))
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res))
    const port = (server.address() as { port: number }).port
    try {
      expect(await wait({ port, state: 'drained', timeout: 3 })).toMatchObject({ status: 'ok', data: { port, state: 'drained' } })
      const { connect } = await import('node:net')
      const client = connect(port, '127.0.0.1')
      await new Promise((res) => client.on('connect', res))
      expect(await wait({ port, state: 'drained', timeout: 1 })).toMatchObject({ status: 'failed', msg: `Timeout when waiting for 127.0.0.1:${port} to drain` })
      client.destroy()
    } finally {
      server.close()
    }
  })

  it("refuses Ansible's invalid combinations with its messages", async () => {
    expect((await wait({ port: 80, path: '/x' })).msg).toBe('port and path parameter can not both be passed to wait_for')
    expect((await wait({ path: '/x', state: 'stopped' })).msg).toBe('state=stopped should only be used for checking a port in the wait_for module')
    expect((await wait({ port: 80, exclude_hosts: ['10.0.0.1'] })).msg).toBe('exclude_hosts should only be with state=drained')
    expect((await wait({ port: 80, state: 'drained', active_connection_states: ['BOGUS'] })).msg).toBe('unknown active_connection_state (BOGUS) defined')
  })

  it('turns addresses into /proc/net/tcp hex, as Ansible does', () => {
    expect(procHex('127.0.0.1')).toEqual(['0100007F', '0000000000000000FFFF00000100007F'])
    expect(procHex('::1')).toEqual(['00000000000000000000000001000000'])
  })
})
