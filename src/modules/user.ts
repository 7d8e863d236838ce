// user: a local account (useradd/usermod/userdel, chage, ssh-keygen; libuser's l* tools with local: true),
// deciding as Ansible's user module does on Linux and returning its result keys.
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { readAccount, type Account } from './lib/user-account.js'
import { defineModule, type ModuleContext } from './types.js'

export interface UserArgs {
  name: string
  state: 'present' | 'absent'
  uid?: number
  non_unique: boolean
  group?: string
  groups?: string[]
  append: boolean
  shell?: string
  home?: string
  create_home: boolean
  move_home: boolean
  skeleton?: string
  umask?: string
  system: boolean
  comment?: string
  password?: string
  update_password: 'always' | 'on_create'
  password_lock?: boolean
  password_expire_min?: number
  password_expire_max?: number
  expires?: number
  remove: boolean
  force: boolean
  local?: boolean
  seuser?: string
  generate_ssh_key?: boolean
  ssh_key_bits: number
  ssh_key_type: string
  ssh_key_file?: string
  ssh_key_comment?: string
  ssh_key_passphrase?: string
}

const DAY = 86400
const HASH_CHARS = /[^a-zA-Z0-9./=]/
const HASH_LENGTHS: Record<string, number> = { 1: 22, 5: 43, 6: 86 }

/** Ansible's check that password is a crypt(3) hash (it warns, and sets it all the same). */
function looksHashed(password: string): boolean {
  if (['*', '!', '*************'].includes(password)) return true
  if (/[:*!]/.test(password) || !password.includes('$')) return false
  const fields = password.split('$')
  if (fields.length < 3) return false
  const last = fields[fields.length - 1]
  return !HASH_CHARS.test(last) && (HASH_LENGTHS[fields[1]] === undefined || last.length === HASH_LENGTHS[fields[1]])
}

/** The day (since the epoch) `expires` falls on, or -1 to remove the expiry; Ansible's error for a date out of range. */
function expiryDay(expires: number): number {
  if (!Number.isFinite(expires) || Math.abs(expires) > 8.64e12) throw new ModuleError(`Invalid value for 'expires' None: timestamp out of range for platform time_t`)
  return expires < 0 ? -1 : Math.floor(expires / DAY)
}

const isoDay = (day: number) => new Date(day * DAY * 1000).toISOString().slice(0, 10)
const shadowNumber = (field: string | undefined) => (field === undefined || field === '' ? -1 : Number(field))

interface Run { rc: number; stdout: string; stderr: string }

async function exec(ctx: ModuleContext, argv: string[], stdin?: string): Promise<Run> {
  const r = await ctx.conn.run(quoteArgv(argv), { become: ctx.become, stdin })
  if (r.rc === 127) throw new ModuleError(`Failed to find required executable "${argv[0]}"`)
  return r
}

// Ansible's message for a failed tool: its stderr
function fail(res: Run): never {
  throw new ModuleError(res.stderr.trim() || `exit code ${res.rc}`)
}

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
      non_unique: { type: 'boolean', default: false },
      group: { type: 'string' },
      groups: { type: 'array', items: { type: 'string' } },
      append: { type: 'boolean', default: false },
      shell: { type: 'string' },
      home: { type: 'string' },
      create_home: { type: 'boolean', default: true, aliases: ['createhome'] },
      move_home: { type: 'boolean', default: false },
      skeleton: { type: 'string' },
      umask: { type: 'string' },
      system: { type: 'boolean', default: false },
      comment: { type: 'string' },
      password: { type: 'string' },
      update_password: { enum: ['always', 'on_create'], default: 'always' },
      password_lock: { type: 'boolean' },
      password_expire_min: { type: 'integer' },
      password_expire_max: { type: 'integer' },
      expires: { type: 'number' },
      remove: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      local: { type: 'boolean' },
      seuser: { type: 'string' },
      generate_ssh_key: { type: 'boolean' },
      ssh_key_bits: { type: 'integer', default: 0 },
      ssh_key_type: { type: 'string', default: 'rsa' },
      ssh_key_file: { type: 'string' },
      ssh_key_comment: { type: 'string' },
      ssh_key_passphrase: { type: 'string' },
    },
  },
  async run(ctx, a) {
    if (a.umask !== undefined && a.local) throw new ModuleError("'umask' can not be used with 'local'")
    const warnings: string[] = []
    const expires = a.expires === undefined ? undefined : expiryDay(a.expires)
    const groups = a.groups?.map((g) => g.trim()).filter(Boolean)
    if (a.groups === undefined && a.append) warnings.push("'append' is set, but no 'groups' are specified. Use 'groups' for appending new groups.This will change to an error in Ansible 2.14.")
    if (a.password && !looksHashed(a.password)) warnings.push("The input password appears not to have been hashed. The 'password' argument must be encrypted for this module to work properly.")
    const keyFile = a.generate_ssh_key ? a.ssh_key_file ?? `.ssh/id_${a.ssh_key_type}` : undefined
    const asked = [...(a.group !== undefined ? [a.group] : []), ...(groups ?? []), a.name]
    const read = () => readAccount(ctx, a.name, { home: a.home, keyFile, local: !!a.local, groups: asked })
    const cur = await read()
    if (a.local && !cur.exists) {
      warnings.push(`'local: true' specified and user '${a.name}' was not found in /etc/passwd. The local user account may already exist if the local account database exists somewhere other than /etc/passwd.`)
    }
    const data: Record<string, unknown> = { name: a.name, state: a.state }
    const finish = (isChanged: boolean) => {
      if (warnings.length) data.warnings = warnings
      return isChanged ? changed(undefined, data) : ok(undefined, data)
    }

    if (a.state === 'absent') {
      if (!cur.exists) return finish(false)
      if (ctx.check) return changed(undefined, {})
      const argv = [a.local ? 'luserdel' : 'userdel', ...(a.force && !a.local ? ['-f'] : []), ...(a.remove ? ['-r'] : []), a.name]
      const res = await exec(ctx, argv)
      if (res.rc !== 0) fail(res)
      Object.assign(data, { force: a.force, remove: a.remove }, output(res))
      return finish(true)
    }

    const groupInfo = (g: string) => cur.groups[asked.indexOf(g)]
    const missingGroup = [...(a.group !== undefined ? [a.group] : []), ...(groups ?? [])].find((g) => !groupInfo(g))
    let isChanged = false
    if (!cur.exists) {
      if (ctx.check) return changed(undefined, warnings.length ? { warnings } : {})
      if (missingGroup !== undefined) throw new ModuleError(`Group ${missingGroup} does not exist`)
      const res = await create(ctx, a, cur, groups, expires)
      if (res.rc !== 0) fail(res)
      Object.assign(data, { system: a.system, create_home: a.create_home }, output(res))
      isChanged = true
    } else {
      if (missingGroup !== undefined) throw new ModuleError(`Group ${missingGroup} does not exist`)
      const res = await modify(ctx, a, cur, groups, expires, groupInfo)
      if (res && res.rc !== 0) fail(res)
      Object.assign(data, { append: a.append, move_home: a.move_home }, res ? output(res) : {})
      isChanged = res !== undefined
    }
    if (a.password !== undefined) data.password = 'NOT_LOGGING_PASSWORD'

    const now = isChanged && !ctx.check ? await read() : cur
    const [, , uid, gid, comment, home, shell] = now.passwd
    Object.assign(data, { uid: Number(uid), group: Number(gid), comment, home, shell })
    if (a.groups !== undefined) data.groups = a.groups.join(',')

    if (!now.homeExists && a.create_home) {
      if (!ctx.check) await createHome(ctx, a.home ?? home, a.skeleton, uid, gid)
      isChanged = true
    }
    if (a.generate_ssh_key && now.key) {
      if (await sshKey(ctx, a, now, ctx.check)) isChanged = true
      const key = isChanged && !ctx.check ? (await read()).key ?? now.key : now.key
      Object.assign(data, { ssh_fingerprint: key.exists ? key.fingerprint : '', ssh_key_file: key.path, ssh_public_key: key.publicKey })
    }
    const chage: string[] = []
    if (a.password_expire_min !== undefined && a.password_expire_min !== shadowNumber(now.shadow[3])) chage.push('-m', String(a.password_expire_min))
    if (a.password_expire_max !== undefined && a.password_expire_max !== shadowNumber(now.shadow[4])) chage.push('-M', String(a.password_expire_max))
    if (chage.length) {
      if (!ctx.check) {
        const res = await exec(ctx, ['chage', ...chage, a.name])
        if (res.rc !== 0) fail(res)
      }
      isChanged = true
    }
    return finish(isChanged)
  },
})

function output(res: Run): Record<string, string> {
  return { ...(res.stdout ? { stdout: res.stdout } : {}), ...(res.stderr ? { stderr: res.stderr } : {}) }
}

const lockedHash = (a: UserArgs) => (a.password_lock ? `!${a.password}` : a.password!)

async function create(ctx: ModuleContext, a: UserArgs, cur: Account, groups: string[] | undefined, expires: number | undefined): Promise<Run> {
  const argv = [a.local ? 'luseradd' : 'useradd']
  if (a.uid !== undefined) argv.push('-u', String(a.uid), ...(a.non_unique ? ['-o'] : []))
  if (a.seuser !== undefined) argv.push('-Z', a.seuser)
  // a group named after the user already exists: -N (-n for luseradd), or useradd would try to create it
  if (a.group !== undefined) argv.push('-g', a.group)
  else if (cur.groups[cur.groups.length - 1]) argv.push(a.local ? '-n' : '-N')
  const unique = [...new Set(groups ?? [])]
  if (unique.length && !a.local) argv.push('-G', unique.join(','))
  if (a.comment !== undefined) argv.push('-c', a.comment)
  if (a.home !== undefined) argv.push('-d', a.home)
  if (a.shell !== undefined) argv.push('-s', a.shell)
  if (expires !== undefined && !a.local) argv.push('-e', expires < 0 ? '' : isoDay(expires))
  if (a.password !== undefined) argv.push('-p', lockedHash(a))
  if (a.create_home) {
    if (!a.local) argv.push('-m')
    if (a.skeleton !== undefined) argv.push('-k', a.skeleton)
    if (a.umask !== undefined) argv.push('-K', `UMASK=${a.umask}`)
  } else argv.push('-M')
  if (a.system) argv.push('-r')
  argv.push(a.name)
  // useradd creates the home but not its missing parents
  if (a.home !== undefined && a.create_home && !cur.homeParentIsDir) {
    const parent = a.home.replace(/\/+[^/]*\/*$/, '') || '/'
    await exec(ctx, ['mkdir', '-p', '--', parent])
  }
  let res = await exec(ctx, argv)
  if (!a.local || res.rc !== 0) return res
  const more: string[][] = []
  if (expires !== undefined) more.push(['lchage', '-E', String(expires), a.name])
  for (const g of unique) more.push(['lgroupmod', '-M', a.name, g])
  for (const m of more) {
    const r = await exec(ctx, m)
    res = { rc: r.rc, stdout: res.stdout + r.stdout, stderr: res.stderr + r.stderr }
    if (r.rc !== 0) return res
  }
  return res
}

/** usermod (and lgroupmod/lchage for local) with what differs; undefined when nothing does. */
async function modify(ctx: ModuleContext, a: UserArgs, cur: Account, groups: string[] | undefined, expires: number | undefined,
  groupInfo: (g: string) => { name: string; gid: number } | undefined): Promise<Run | undefined> {
  const [, pw, uid, gid, gecos, home, shell] = cur.passwd
  const hash = pw.length <= 1 ? cur.shadow[1] ?? '' : pw
  let argv = [a.local ? 'lusermod' : 'usermod']
  const more: string[][] = []
  if (a.uid !== undefined && String(a.uid) !== uid) argv.push('-u', String(a.uid), ...(a.non_unique ? ['-o'] : []))
  if (a.group !== undefined) {
    const g = groupInfo(a.group)!
    if (String(g.gid) !== gid) argv.push('-g', String(g.gid))
  }
  if (groups !== undefined) {
    const current = cur.memberOf
    const wanted = [...new Set(groups)]
    const differ = wanted.some((g) => !current.includes(g)) || current.some((g) => !wanted.includes(g))
    const needed = wanted.length === 0 ? current.length > 0 && !a.append : a.append ? wanted.some((g) => !current.includes(g)) : differ
    if (needed) {
      if (a.local) {
        for (const g of wanted.filter((x) => !current.includes(x))) more.push(['lgroupmod', '-M', a.name, g])
        if (!a.append) for (const g of current.filter((x) => !wanted.includes(x))) more.push(['lgroupmod', '-m', a.name, g])
      } else argv.push(...(a.append ? ['-a'] : []), '-G', wanted.join(','))
    }
  }
  if (a.comment !== undefined && a.comment !== gecos) argv.push('-c', a.comment)
  if (a.home !== undefined && a.home !== home) argv.push('-d', a.home, ...(a.move_home ? ['-m'] : []))
  if (a.shell !== undefined && a.shell !== shell) argv.push('-s', a.shell)
  if (expires !== undefined) {
    const current = shadowNumber(cur.shadow[7])
    const set = expires < 0 ? current >= 0 : current < 0 || current !== expires
    if (set && a.local) more.unshift(['lchage', '-E', String(expires), a.name])
    else if (set) argv.push('-e', expires < 0 ? '' : isoDay(expires))
  }
  if (a.password_lock && !hash.startsWith('!')) argv.push('-L')
  else if (a.password_lock === false && hash.startsWith('!')) argv.push('-U')
  if (a.update_password === 'always' && a.password !== undefined && hash.replace(/^!+/, '') !== a.password.replace(/^!+/, '')) {
    argv = argv.filter((x) => x !== '-L' && x !== '-U')
    argv.push('-p', lockedHash(a))
  }
  if (argv.length === 1 && !more.length) return undefined
  if (ctx.check) return { rc: 0, stdout: '', stderr: '' }
  let res: Run = { rc: 0, stdout: '', stderr: '' }
  if (argv.length > 1) res = await exec(ctx, [...argv, a.name])
  for (const m of more) {
    if (res.rc !== 0) break
    const r = await exec(ctx, m)
    res = { rc: r.rc, stdout: res.stdout + r.stdout, stderr: res.stderr + r.stderr }
  }
  return res
}

// Ansible's create_homedir: a copy of the skeleton (or an empty directory), its mode from login.defs'
// UMASK, everything owned by the user.
async function createHome(ctx: ModuleContext, path: string, skeleton: string | undefined, uid: string, gid: string): Promise<void> {
  const script = `p=${quote(path)} skel=${quote(skeleton ?? '/etc/skel')}
mkdir -p -- "$(dirname -- "$p")" || exit 1
if [ -e "$skel" ]; then cp -RP -- "$skel" "$p" || exit 1; else mkdir -p -- "$p" || exit 1; fi
u=$(awk '/^UMASK[ \\t]+[0-9]+$/ { u = $2 } END { print u }' /etc/login.defs 2>/dev/null)
[ -z "$u" ] || chmod "$(printf '%o' $((0777 & ~0$u)))" -- "$p" || exit 1
chown -R ${quote(`${uid}:${gid}`)} -- "$p"`
  const res = await ctx.conn.run(script, { become: ctx.become })
  if (res.rc !== 0) throw new ModuleError(res.stderr.trim() || `creating ${path} failed (exit code ${res.rc})`)
}

/** ssh-keygen as Ansible runs it; true when a key was (or, in check mode, would be) made. */
async function sshKey(ctx: ModuleContext, a: UserArgs, acct: Account, check: boolean): Promise<boolean> {
  const key = acct.key!
  if (!key.path.startsWith('/') && !key.homeExists && !check) throw new ModuleError(`User ${a.name} home directory does not exist`)
  if (!key.dirExists && check) return true
  if (key.exists && !a.force) return false
  if (check) return true
  const [, , uid, gid] = acct.passwd
  const argv = ['ssh-keygen', '-t', a.ssh_key_type, ...(a.ssh_key_bits > 0 ? ['-b', String(a.ssh_key_bits)] : []),
    '-C', a.ssh_key_comment ?? `ansible-generated on ${await hostName(ctx)}`, '-f', key.path]
  // the passphrase travels on stdin (never in the command text); ssh-keygen takes it with -N
  const script = `IFS= read -r pp || [ -n "$pp" ]
d=$(dirname -- ${quote(key.path)})
if [ ! -e "$d" ]; then mkdir -m 0700 -- "$d" && chown ${quote(`${uid}:${gid}`)} -- "$d" || exit 1; fi
printf 'y\\n' | ${quoteArgv(argv)} -N "$pp" >/dev/null || exit $?
chown ${quote(`${uid}:${gid}`)} -- ${quote(key.path)} ${quote(`${key.path}.pub`)}`
  const res = await ctx.conn.run(script, { become: ctx.become, stdin: `${a.ssh_key_passphrase ?? ''}\n` })
  if (res.rc !== 0) throw new ModuleError(res.stderr.trim() || `ssh-keygen failed (exit code ${res.rc})`)
  return true
}

async function hostName(ctx: ModuleContext): Promise<string> {
  const r = await ctx.conn.run('hostname', { become: ctx.become })
  return r.stdout.trim()
}
