// group: a local group (groupadd/groupmod/groupdel, or libuser's lgroup* tools with local: true).
// Result keys are Ansible's: name, state, and once the group exists gid (a number) and system.
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { defineModule, type ModuleContext } from './types.js'

export interface GroupArgs {
  name: string
  state: 'present' | 'absent'
  gid?: number
  system: boolean
  non_unique: boolean
  local: boolean
}

interface GroupEntry { name: string; gid: number }

// local: true looks only in /etc/group (not NSS), as libuser's tools do; the last matching line wins.
async function lookup(ctx: ModuleContext, name: string, local: boolean): Promise<GroupEntry | undefined> {
  const cmd = local ? `awk -F: -v n=${quote(name)} '$1 == n' /etc/group | tail -n 1` : `getent group -- ${quote(name)}`
  const res = await ctx.conn.run(cmd, { become: ctx.become })
  const line = res.stdout.split('\n').find((l) => l.startsWith(`${name}:`))
  return line ? { name, gid: Number(line.split(':')[2]) } : undefined
}

// Another group that already holds `gid` (libuser's tools would add a duplicate silently).
async function gidHolder(ctx: ModuleContext, gid: number, name: string): Promise<string | undefined> {
  const res = await ctx.conn.run(`getent group -- ${gid}`, { become: ctx.become })
  const holder = res.rc === 0 ? res.stdout.split(':')[0] : undefined
  return holder && holder !== name ? holder : undefined
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
      non_unique: { type: 'boolean', default: false },
      local: { type: 'boolean', default: false },
    },
  },
  async run(ctx, a) {
    if (a.non_unique && a.gid === undefined) throw new ModuleError('non_unique is True but all of the following are missing: gid')
    const tool = (verb: 'add' | 'mod' | 'del') => `${a.local ? 'l' : ''}group${verb}`
    const data: Record<string, unknown> = { name: a.name, state: a.state }
    const before = await lookup(ctx, a.name, a.local)
    const gidFlags = a.gid === undefined ? [] : ['-g', String(a.gid), ...(a.non_unique ? ['-o'] : [])]
    let argv: string[] | undefined
    if (a.state === 'absent') argv = before ? [tool('del'), a.name] : undefined
    else if (!before) argv = [tool('add'), ...gidFlags, ...(a.system ? ['-r'] : []), a.name]
    else if (a.gid !== undefined && a.gid !== before.gid) argv = [tool('mod'), ...gidFlags, a.name]
    const diff = ctx.diff && argv ? [{ path: `group ${a.name}`, before: before ? `gid: ${before.gid}\n` : 'absent\n', after: a.state === 'absent' ? 'absent\n' : `gid: ${a.gid ?? '(new)'}\n` }] : undefined
    if (argv && a.local && a.gid !== undefined && a.state === 'present') {
      const holder = await gidHolder(ctx, a.gid, a.name)
      if (holder) throw new ModuleError(`GID '${a.gid}' already exists with group '${holder}'`)
    }
    if (argv && ctx.check) {
      if (!before || a.state === 'absent') return changed(`${argv[0]} ${a.name}`, data, diff)
      return changed(`${argv[0]} ${a.name}`, { ...data, system: a.system, gid: before.gid }, diff)
    }
    if (argv) {
      const r = await ctx.conn.run(`${quoteArgv(argv)}`, { become: ctx.become })
      if (r.rc === 127) throw new ModuleError(`Failed to find required executable "${argv[0]}"`)
      if (r.rc !== 0) throw new ModuleError(r.stderr.trim() || `${argv[0]} failed (rc=${r.rc})`)
      if (r.stdout) data.stdout = r.stdout
      if (r.stderr) data.stderr = r.stderr
    }
    const after = argv ? await lookup(ctx, a.name, a.local) : before
    if (after) Object.assign(data, { system: a.system, gid: after.gid })
    return argv ? changed(`${argv[0]} ${a.name}`, data, diff) : ok(undefined, data)
  },
})
