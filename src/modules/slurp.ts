// slurp: a remote file's bytes, base64-encoded, as Ansible returns them.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { ok } from './lib/result.js'
import { remoteError } from './lib/snippet.js'
import { defineModule } from './types.js'

export const slurp = defineModule<{ src: string }>({
  name: 'slurp',
  schema: { type: 'object', additionalProperties: false, required: ['src'], properties: { src: { type: 'string', aliases: ['path'] } } },
  async run(ctx, a) {
    const res = await ctx.conn.run(`base64 -w0 < ${quote(a.src)}`, { become: ctx.become })
    if (res.rc !== 0) throw new ModuleError(`slurp ${a.src}: ${remoteError(res)}`)
    return ok(undefined, { content: res.stdout.trim(), encoding: 'base64', source: a.src })
  },
})
