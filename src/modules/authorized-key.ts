// authorized_key: SSH public keys in a user's authorized_keys (added, replaced by key, removed, exclusive).
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { attrText, planAttrs } from './lib/attrs.js'
import { ensureFile } from './lib/ensure-file.js'
import { changed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface AuthorizedKeyArgs {
  user: string
  key: string
  path?: string
  manage_dir: boolean
  state: 'present' | 'absent'
  exclusive: boolean
  key_options?: string
  comment?: string
}

interface Key { options: string; type: string; blob: string; comment: string }
const TYPES = 'ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\\d+|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com'
const KEY = new RegExp(`(^|\\s)(${TYPES})\\s+(\\S+)(?:\\s+(.*))?$`)

/** `[options] type blob [comment]`; options may hold quoted spaces, so the type token anchors the parse. */
export function parseKey(line: string): Key | undefined {
  const t = line.trim()
  if (!t || t.startsWith('#')) return undefined
  const m = KEY.exec(t)
  if (!m) return undefined
  return { options: t.slice(0, m.index).trim(), type: m[2], blob: m[3], comment: (m[4] ?? '').trim() }
}

const render = (k: Key) => [k.options, k.type, k.blob, k.comment].filter(Boolean).join(' ')

const READ = String.raw`
e=$(getent passwd -- "$u") || tp_fail "user $u does not exist"
home=$(printf '%s' "$e" | cut -d: -f6); uid=$(printf '%s' "$e" | cut -d: -f3); gid=$(printf '%s' "$e" | cut -d: -f4)
[ -n "$p" ] || p="$home/.ssh/authorized_keys"
printf '__TSPLAY__ id=who uid=%s gid=%s path=%s\n' "$uid" "$gid" "$(tp_b64 "$p")"
tp_probe f "$p" '' || exit 1
tp_probe d "$(dirname -- "$p")" '' || exit 1
if [ -f "$p" ]; then printf '__TSPLAY__ id=content b64='; base64 -w0 < "$p"; echo; fi
`

export const authorizedKey = defineModule<AuthorizedKeyArgs>({
  name: 'authorized_key',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['user', 'key'],
    properties: {
      user: { type: 'string' },
      key: { type: 'string' },
      path: { type: 'string' },
      manage_dir: { type: 'boolean', default: true },
      state: { enum: ['present', 'absent'], default: 'present' },
      exclusive: { type: 'boolean', default: false },
      key_options: { type: 'string' },
      comment: { type: 'string' },
      follow: { type: 'boolean' },
      validate_certs: { type: 'boolean' },
    },
  },
  async run(ctx, a) {
    const wanted = a.key.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')).map((l) => {
      const k = parseKey(l)
      if (!k) throw new ModuleError(`authorized_key: invalid key specified: ${l.slice(0, 60)}`)
      if (a.key_options !== undefined) k.options = a.key_options
      if (a.comment !== undefined) k.comment = a.comment
      return k
    })
    const r = await runSnippet(ctx, `u=${quote(a.user)}; p=${quote(a.path ?? '')}\n${READ}`)
    const who = r.byId.who
    const path = decode64(who.path)
    const before = r.byId.content ? decode64(r.byId.content.b64) : ''
    const lines = before === '' ? [] : before.replace(/\n$/, '').split('\n')
    let out: string[]
    if (a.state === 'absent') {
      const blobs = new Set(wanted.map((k) => k.blob))
      out = lines.filter((l) => !blobs.has(parseKey(l)?.blob ?? '\0'))
    } else if (a.exclusive) {
      out = wanted.map(render)
    } else {
      out = [...lines]
      for (const k of wanted) {
        const i = out.findIndex((l) => parseKey(l)?.blob === k.blob)
        if (i < 0) out.push(render(k))
        else if (out[i] !== render(k)) out[i] = render(k)
      }
    }
    const after = out.length ? out.join('\n') + '\n' : ''
    const data = { user: a.user, path, keyfile: path, exclusive: a.exclusive }
    const owner = { owner: who.uid, group: who.gid }
    if (after === before) {
      if (r.byId.f.exists !== '1') return ok(undefined, data)
      const plan = planAttrs({ ...owner, mode: '0600' }, r.byId.f, quote(path))
      if (!plan.commands.length) return ok(undefined, data)
      if (!ctx.check) await runSnippet(ctx, plan.commands.map((c) => `${c} || exit 1`).join('\n'))
      return changed('key file attributes fixed', data, ctx.diff ? [{ path, before: attrText(plan.before), after: attrText(plan.after) }] : undefined)
    }
    const diff = ctx.diff ? [{ path, before, after }] : undefined
    if (ctx.check) return changed('keys would change', data, diff)
    const dir = path.replace(/\/[^/]*$/, '')
    if (r.byId.d.exists !== '1') {
      if (!a.manage_dir && a.path) throw new ModuleError(`authorized_key: directory ${dir} does not exist (manage_dir=no)`)
      await runSnippet(ctx, `mkdir -p -- ${quote(dir)} && chmod 0700 ${quote(dir)} && chown ${who.uid}:${who.gid} ${quote(dir)} || exit 1`)
    } else if (a.manage_dir && !a.path) {
      const plan = planAttrs({ ...owner, mode: '0700' }, r.byId.d, quote(dir), { isDir: true })
      if (plan.commands.length) await runSnippet(ctx, plan.commands.map((c) => `${c} || exit 1`).join('\n'))
    }
    await ensureFile({ ...ctx, diff: false }, { dest: path, content: Buffer.from(after), mode: '0600', ...owner })
    return changed(a.state === 'absent' ? 'key removed' : 'key added', data, diff)
  },
})
