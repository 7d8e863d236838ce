// user: a local account (useradd/usermod/userdel), reading passwd/group/shadow in one round trip.
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule, type ModuleContext, type TaskResult } from './types.js'

export interface UserArgs {
  name: string
  state: 'present' | 'absent'
  uid?: number
  group?: string
  groups?: string[]
  append: boolean
  shell?: string
  home?: string
  create_home: boolean
  move_home: boolean
  system: boolean
  comment?: string
  password?: string
  update_password: 'always' | 'on_create'
  remove: boolean
  force: boolean
}

const READ = String.raw`
if e=$(getent passwd -- "$n"); then
  printf '__TSPLAY__ id=user exists=1 passwd=%s groups=%s shadow=%s\n' "$(tp_b64 "$e")" "$(id -Gn -- "$n" | tr ' ' ,)" "$(getent shadow -- "$n" | cut -d: -f2 | base64 -w0)"
  printf '__TSPLAY__ id=pgroup name=%s\n' "$(getent group "$(printf '%s' "$e" | cut -d: -f4)" | cut -d: -f1)"
else echo '__TSPLAY__ id=user exists=0'; fi
`

export const user = defineModule<UserArgs>({
  name: 'user',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', aliases: ['user'], pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?$' },
      state: { enum: ['present', 'absent'], default: 'present' },
      uid: { type: 'integer', minimum: 0 },
      group: { type: 'string' },
      groups: { type: 'array', items: { type: 'string' } },
      append: { type: 'boolean', default: false },
      shell: { type: 'string' },
      home: { type: 'string' },
      create_home: { type: 'boolean', default: true, aliases: ['createhome'] },
      move_home: { type: 'boolean', default: false },
      system: { type: 'boolean', default: false },
      comment: { type: 'string' },
      password: { type: 'string' },
      update_password: { enum: ['always', 'on_create'], default: 'always' },
      remove: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      generate_ssh_key: { type: 'boolean' },
      non_unique: { type: 'boolean' },
    },
  },
  async run(ctx, a) {
    const r = await runSnippet(ctx, `n=${quote(a.name)}\n${READ}`)
    const cur = r.byId.user
    const exists = cur.exists === '1'
    const data: Record<string, unknown> = { name: a.name, state: a.state }
    if (a.state === 'absent') {
      if (!exists) return ok(undefined, data)
      return apply(ctx, ['userdel', ...(a.remove ? ['-r'] : []), ...(a.force ? ['-f'] : []), a.name], `user ${a.name} removed`, data)
    }
    const groups = a.groups?.filter(Boolean)
    if (!exists) {
      const argv = ['useradd']
      if (a.uid !== undefined) argv.push('-u', String(a.uid))
      if (a.group) argv.push('-g', a.group)
      if (groups?.length) argv.push('-G', groups.join(','))
      if (a.shell) argv.push('-s', a.shell)
      if (a.home) argv.push('-d', a.home)
      if (a.comment !== undefined) argv.push('-c', a.comment)
      if (a.password) argv.push('-p', a.password)
      if (a.system) argv.push('-r')
      argv.push(a.create_home ? '-m' : '-M', a.name)
      return apply(ctx, argv, `user ${a.name} created`, data)
    }
    const [, , uid, gid, gecos, home, shell] = decode64(cur.passwd).split(':')
    const current = cur.groups.split(',').filter(Boolean)
    const primary = r.byId.pgroup?.name ?? ''
    const supplementary = current.filter((g) => g !== primary)
    const argv = ['usermod']
    const what: string[] = []
    const set = (flag: string, value: string, label: string) => { argv.push(flag, value); what.push(label) }
    if (a.uid !== undefined && String(a.uid) !== uid) set('-u', String(a.uid), 'uid')
    if (a.group && a.group !== (/^\d+$/.test(a.group) ? gid : primary)) set('-g', a.group, 'group')
    if (groups !== undefined) {
      const missing = groups.filter((g) => !current.includes(g))
      const extra = supplementary.filter((g) => !groups.includes(g))
      if (missing.length || (!a.append && extra.length)) {
        if (a.append) argv.push('-a')
        set('-G', (a.append ? missing : groups).join(','), 'groups')
      }
    }
    if (a.shell && a.shell !== shell) set('-s', a.shell, 'shell')
    if (a.home && a.home !== home) {
      if (a.move_home) argv.push('-m')
      set('-d', a.home, 'home')
    }
    if (a.comment !== undefined && a.comment !== gecos) set('-c', a.comment, 'comment')
    if (a.password && a.update_password === 'always' && a.password !== decode64(cur.shadow).trim()) set('-p', a.password, 'password')
    if (!what.length) return ok(undefined, { ...data, uid: Number(uid), home, shell })
    argv.push(a.name)
    return apply(ctx, argv, `user ${a.name}: ${what.join(', ')} changed`, data)
  },
})

async function apply(ctx: ModuleContext, argv: string[], msg: string, data: Record<string, unknown>): Promise<TaskResult> {
  // the password hash is a secret: it never appears in msg, data or diff
  const diff = ctx.diff ? [{ path: `user ${argv[argv.length - 1]}`, before: '', after: `${msg}\n` }] : undefined
  if (!ctx.check) {
    const res = await ctx.conn.run(`${quoteArgv(argv)} 2>&1`, { become: ctx.become })
    if (res.rc !== 0) throw new ModuleError(`${argv[0]} failed (rc=${res.rc}): ${res.stdout.trim().split('\n').slice(-3).join(' / ')}`)
  }
  return changed(msg, data, diff)
}
