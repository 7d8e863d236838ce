// raw: the line as-is over the connection; always "changed", no check-mode support (as Ansible).
import { quote } from '../util/shell-quote.js'
import { failed, changed } from './lib/result.js'
import { defineModule } from './types.js'

export const raw = defineModule<{ cmd: string; executable?: string }>({
  name: 'raw',
  freeForm: 'cmd',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['cmd'],
    properties: { cmd: { type: 'string', aliases: ['_raw_params'] }, executable: { type: 'string' } },
  },
  async run(ctx, a) {
    if (ctx.check) return { status: 'skipped', msg: 'raw does not support check mode', data: {} }
    const line = a.executable ? `exec ${quote(a.executable)} -c ${quote(a.cmd)}` : a.cmd
    const res = await ctx.conn.run(line, { become: ctx.become })
    const data = { rc: res.rc, stdout: res.stdout, stderr: res.stderr, stdout_lines: res.stdout.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1) }
    return res.rc === 0 ? changed(undefined, data) : failed('non-zero return code', data)
  },
})
