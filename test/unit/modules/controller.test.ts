// Controller-side modules (local: true): no connection is touched.
import { describe, expect, it } from 'vitest'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import type { Connection } from '../../../src/connection/types.js'
import { LocalConnection } from '../../../src/connection/local.js'
import { makeCtx } from './harness.js'
import { InterruptedError } from '../../../src/errors.js'

const refuse = () => Promise.reject(new Error('controller module touched the host'))
const noHost: Connection = { host: 'web1', run: refuse, put: refuse, get: refuse, close: async () => {} }
const ctx = makeCtx(noHost)

describe('controller modules', () => {
  it('are marked local', () => {
    for (const name of ['pause', 'group_by', 'add_host', 'debug', 'set_fact', 'assert', 'fail'] as const) expect(modules[name].local, name).toBe(true)
  })

  it('pause waits whole seconds, at least one, and reports as Ansible does', async () => {
    const t0 = Date.now()
    const r = await runModule(modules.pause, ctx, { seconds: 0.3 }) // Ansible's int(): 0, then at least 1 s
    expect(r.status).toBe('ok')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(990)
    expect(r.data).toMatchObject({ delta: 1, echo: true, user_input: '', rc: 0, changed: false })
    expect(r.data.stdout).toMatch(/^Paused for 1(\.0\d?)? seconds$/)
    expect(r.data.start).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/)
  })

  it('pause ends when the run is interrupted', async () => {
    const stop = new AbortController()
    const paused = runModule(modules.pause, { ...ctx, signal: stop.signal }, { minutes: 10 }).catch((e) => e)
    stop.abort('SIGTERM')
    const err = await paused
    expect(err).toBeInstanceOf(InterruptedError)
    expect(err.message).toBe('interrupted by SIGTERM: the command was stopped')
  })

  it('pause refuses minutes with seconds, and a duration that is not a whole number', async () => {
    expect((await runModule(modules.pause, ctx, { seconds: 1, minutes: 1 })).msg).toContain('mutually exclusive: minutes|seconds')
    expect((await runModule(modules.pause, ctx, { seconds: '1.5' })).msg).toContain("unable to convert to int")
  })

  it('pause with a prompt and no duration goes on at once with a warning (no terminal), as Ansible without a tty', async () => {
    const t0 = Date.now()
    const r = await runModule(modules.pause, ctx, { prompt: 'Continue?' })
    expect(r.status).toBe('ok')
    expect(Date.now() - t0).toBeLessThan(500)
    expect(r.data).toMatchObject({ user_input: '', warnings: ['Not waiting for response to prompt as stdin is not interactive'] })
  })

  it('group_by returns the sanitised group', async () => {
    const r = await runModule(modules.group_by, ctx, { key: 'os_Debian 12.1' })
    expect(r).toMatchObject({ status: 'changed', data: { add_group: 'os_Debian_12_1', parent_groups: ['all'] } })
  })

  it('add_host splits host:port and keeps vars', async () => {
    const r = await runModule(modules.add_host, ctx, { name: 'new1:2222', groups: 'web,db', ansible_user: 'deploy' })
    expect(r.data.add_host).toEqual({ host_name: 'new1', groups: ['web', 'db'], host_vars: { ansible_user: 'deploy', ansible_ssh_port: 2222 } })
  })
})

describe('reboot', () => {
  it('check mode predicts a reboot and touches nothing', async () => {
    const r = await runModule(modules.reboot, { ...ctx, check: true }, {})
    expect(r).toMatchObject({ status: 'changed', data: { rebooted: false } })
  })

  it('fails when the host never comes back with a new boot id', async () => {
    // a harmless reboot_command on the controller itself: the boot id stays the same
    const r = await runModule(modules.reboot, makeCtx(new LocalConnection()), { reboot_command: 'true', reboot_timeout: 3 })
    expect(r.status).toBe('failed')
    expect(r.msg).toContain('did not come back with a new boot id within 3s')
  }, 15_000)
})
