// wait_for_connection: after `delay` seconds, tries every `sleep` seconds until the host answers a trivial
// command over its connection (each try bounded by `connect_timeout`, the whole wait by `timeout`), and,
// with `boot_finished: true`, until cloud-init's boot-finished file exists. A failed try resets the
// connection so the next one dials afresh. Like Ansible's, it is skipped in check mode.
import { ModuleError } from '../errors.js'
import { sh } from '../util/shell-quote.js'
import { failed, ok } from './lib/result.js'
import type { Connection } from '../connection/types.js'
import { defineModule, type TaskResult } from './types.js'

interface Args {
  timeout?: number | string
  delay?: number | string
  sleep?: number | string
  connect_timeout?: number | string
  boot_finished?: boolean
  boot_finished_path?: string
}

const seconds = { type: ['number', 'string'] }
const READY = 'tsplay-ready'

export const waitForConnection = defineModule<Args>({
  name: 'wait_for_connection',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      timeout: seconds,
      delay: seconds,
      sleep: seconds,
      connect_timeout: seconds,
      boot_finished: { type: 'boolean' },
      boot_finished_path: { type: 'string', minLength: 1 },
    },
  },
  async run(ctx, a): Promise<TaskResult> {
    const timeout = num(a.timeout, 600, 'timeout')
    const delay = num(a.delay, 0, 'delay')
    const pause = num(a.sleep, 1, 'sleep')
    const tryFor = num(a.connect_timeout, 5, 'connect_timeout')
    if (ctx.check) return { status: 'skipped', msg: 'skipped in check mode', data: {} }
    const bootFile = a.boot_finished || a.boot_finished_path ? (a.boot_finished_path ?? '/var/lib/cloud/instance/boot-finished') : undefined
    const command = bootFile ? sh`test -e ${bootFile} && echo ${READY}` : `echo ${READY}`

    const start = Date.now()
    await wait(delay)
    const deadline = Date.now() + timeout * 1000
    let attempts = 0
    let last = 'no attempt was made'
    for (;;) {
      attempts++
      try {
        const res = await within(ctx.conn.run(command), tryFor * 1000)
        if (res.stdout.includes(READY)) return ok(undefined, { elapsed: Math.round((Date.now() - start) / 1000), attempts })
        last = bootFile && res.rc === 1 ? `${bootFile} does not exist yet` : `the test command exited ${res.rc}: ${res.stderr.trim()}`
      } catch (e) {
        last = (e as Error).message
        await reset(ctx.conn)
      }
      if (Date.now() + pause * 1000 >= deadline) break
      await wait(pause)
    }
    return failed(`timed out waiting for ${ctx.host} after ${timeout} s (${attempts} attempts): ${last}`, { elapsed: Math.round((Date.now() - start) / 1000), attempts })
  },
})

function num(value: number | string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value)
  if (!Number.isFinite(n) || n < 0) throw new ModuleError(`wait_for_connection: ${name} must be a number of seconds, got '${value}'`)
  return n
}

function wait(s: number): Promise<void> {
  return s > 0 ? new Promise((r) => setTimeout(r, s * 1000)) : Promise.resolve()
}

/** The promise's outcome, or a rejection after ms; the abandoned promise's own outcome is ignored. */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)
  })
  p.catch(() => undefined)
  return Promise.race([p, expired]).finally(() => clearTimeout(timer))
}

async function reset(conn: Connection): Promise<void> {
  try {
    await conn.reset?.()
  } catch {
    // the next attempt reports what is wrong
  }
}
