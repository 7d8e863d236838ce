// ping: proves the host runs our commands (no Python involved): one round trip.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { ok } from './lib/result.js'
import { remoteError } from './lib/snippet.js'
import { defineModule } from './types.js'

export const ping = defineModule<{ data: string }>({
  name: 'ping',
  schema: { type: 'object', additionalProperties: false, properties: { data: { type: 'string', default: 'pong' } } },
  async run(ctx, a) {
    // Ansible's ping raises Exception('boom') for data=crash: a module failure with the traceback in module_stderr
    if (a.data === 'crash') return { status: 'failed', msg: 'MODULE FAILURE\nSee stdout/stderr for the exact error', data: { module_stdout: '', module_stderr: 'Exception: boom\n', rc: 1 } }
    const res = await ctx.conn.run(`printf %s ${quote(a.data)}`, { become: ctx.become })
    if (res.rc !== 0) throw new ModuleError(remoteError(res))
    return ok(undefined, { ping: res.stdout })
  },
})
