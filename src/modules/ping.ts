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
    if (a.data === 'crash') throw new ModuleError('boom: ping asked to crash (data=crash)')
    const res = await ctx.conn.run(`printf %s ${quote(a.data)}`, { become: ctx.become })
    if (res.rc !== 0) throw new ModuleError(remoteError(res))
    return ok(undefined, { ping: res.stdout })
  },
})
