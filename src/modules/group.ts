// group: a local group (groupadd/groupmod/groupdel).
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { defineModule } from './types.js'

export interface GroupArgs {
  name: string
  state: 'present' | 'absent'
  gid?: number
  system: boolean
}

export const group = defineModule<GroupArgs>({
  name: 'group',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$' },
      state: { enum: ['present', 'absent'], default: 'present' },
      gid: { type: 'integer', minimum: 0 },
      system: { type: 'boolean', default: false },
      non_unique: { type: 'boolean' },
      local: { type: 'boolean' },
    },
  },
  async run(ctx, a) {
    const res = await ctx.conn.run(`getent group -- ${quote(a.name)}`, { become: ctx.become })
    const exists = res.rc === 0
    const gid = exists ? res.stdout.split(':')[2] : undefined
    let argv: string[] | undefined
    if (a.state === 'absent') argv = exists ? ['groupdel', a.name] : undefined
    else if (!exists) argv = ['groupadd', ...(a.gid !== undefined ? ['-g', String(a.gid)] : []), ...(a.system ? ['-r'] : []), a.name]
    else if (a.gid !== undefined && String(a.gid) !== gid) argv = ['groupmod', '-g', String(a.gid), a.name]
    const data = { name: a.name, state: a.state, gid: a.gid ?? (gid ? Number(gid) : undefined) }
    if (!argv) return ok(undefined, data)
    if (!ctx.check) {
      const r = await ctx.conn.run(`${quoteArgv(argv)} 2>&1`, { become: ctx.become })
      if (r.rc !== 0) throw new ModuleError(`${argv[0]} failed (rc=${r.rc}): ${r.stdout.trim()}`)
    }
    const diff = ctx.diff ? [{ path: `group ${a.name}`, before: exists ? `gid: ${gid}\n` : 'absent\n', after: a.state === 'absent' ? 'absent\n' : `gid: ${a.gid ?? '(new)'}\n` }] : undefined
    return changed(`${argv[0]} ${a.name}`, data, diff)
  },
})
