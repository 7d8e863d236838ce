// reboot: reboot the host and wait until it answers again with a new boot_id, then run test_command.
import { ModuleError, UnreachableError } from '../errors.js'
import { changed } from './lib/result.js'
import { remoteError } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface RebootArgs {
  reboot_timeout: number
  pre_reboot_delay: number
  post_reboot_delay: number
  test_command: string
  reboot_command?: string
  msg: string
}

const BOOT_ID = 'cat /proc/sys/kernel/random/boot_id'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const reboot = defineModule<RebootArgs>({
  name: 'reboot',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      reboot_timeout: { type: 'integer', minimum: 1, default: 600 },
      pre_reboot_delay: { type: 'integer', minimum: 0, default: 0 },
      post_reboot_delay: { type: 'integer', minimum: 0, default: 0 },
      test_command: { type: 'string', default: 'whoami' },
      // the user's own shell text, like shell's cmd
      reboot_command: { type: 'string' },
      msg: { type: 'string', default: 'Reboot initiated by tsplay' },
      connect_timeout: { type: 'integer' },
      search_paths: {},
      boot_time_command: { type: 'string' },
    },
  },
  async run(ctx, a) {
    if (ctx.check) return changed('the host would be rebooted', { rebooted: false })
    const before = await ctx.conn.run(BOOT_ID, { become: ctx.become })
    if (before.rc !== 0) throw new ModuleError(`reboot: cannot read the boot id: ${remoteError(before)}`)
    const cmd = a.reboot_command ?? 'shutdown -r now 2>/dev/null || reboot'
    // detached, after the answer is back: the connection may drop as soon as the reboot starts
    await ctx.conn.run(`(sleep ${1 + a.pre_reboot_delay}; ${cmd}) >/dev/null 2>&1 </dev/null &`, { become: ctx.become })
    const started = Date.now()
    const deadline = started + a.reboot_timeout * 1000
    await sleep(2000)
    while (Date.now() < deadline) {
      try {
        const now = await ctx.conn.run(BOOT_ID, { become: ctx.become, timeoutMs: 10_000 })
        if (now.rc === 0 && now.stdout.trim() !== before.stdout.trim()) {
          if (a.post_reboot_delay) await sleep(a.post_reboot_delay * 1000)
          const test = await ctx.conn.run(a.test_command, { become: ctx.become })
          if (test.rc !== 0) throw new ModuleError(`reboot: test_command failed after the reboot: ${remoteError(test)}`)
          return changed(a.msg, { rebooted: true, elapsed: Math.round((Date.now() - started) / 1000) })
        }
      } catch (e) {
        if (!(e instanceof UnreachableError)) throw e // down while rebooting: keep waiting
      }
      await sleep(1000)
    }
    throw new ModuleError(`reboot: the host did not come back with a new boot id within ${a.reboot_timeout}s`)
  },
})
