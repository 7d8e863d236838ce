// sysctl: a key in a sysctl file (Ansible's name=value lines) and, on reload, in the running kernel.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { ensureFile } from './lib/ensure-file.js'
import { changed, ok } from './lib/result.js'
import { decode64, remoteError, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface SysctlArgs {
  name: string
  value?: string
  state: 'present' | 'absent'
  sysctl_file: string
  reload: boolean
  sysctl_set: boolean
  ignoreerrors: boolean
}

const norm = (v: string) => {
  const s = v.trim().split(/\s+/).join(' ')
  return /^(yes|true|on)$/i.test(s) ? '1' : /^(no|false|off)$/i.test(s) ? '0' : s
}

/** The file's lines with `name` set (or removed), Ansible-style `name=value`; undefined when already right. */
export function fixLines(text: string, name: string, value: string | undefined): string | undefined {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n')
  let found: string | undefined
  const out: string[] = []
  let written = false
  for (const line of lines) {
    const t = line.trim()
    const eq = t.indexOf('=')
    if (!t || t.startsWith('#') || t.startsWith(';') || eq < 0 || t.slice(0, eq).trim() !== name) {
      out.push(line)
      continue
    }
    found = norm(t.slice(eq + 1))
    if (value !== undefined && !written) {
      out.push(`${name}=${value}`)
      written = true
    }
  }
  if (value === undefined ? found === undefined : found === norm(value)) return undefined
  if (value !== undefined && !written) out.push(`${name}=${value}`)
  return out.length ? out.join('\n') + '\n' : ''
}

export const sysctl = defineModule<SysctlArgs>({
  name: 'sysctl',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', aliases: ['key'], pattern: '^[A-Za-z0-9_.*/-]+$' },
      value: { type: ['string', 'number', 'boolean'], aliases: ['val'] },
      state: { enum: ['present', 'absent'], default: 'present' },
      sysctl_file: { type: 'string', default: '/etc/sysctl.conf' },
      reload: { type: 'boolean', default: true },
      sysctl_set: { type: 'boolean', default: false },
      ignoreerrors: { type: 'boolean', default: false },
    },
  },
  async run(ctx, a) {
    if (a.state === 'present' && a.value === undefined) throw new ModuleError("sysctl: state=present requires 'value'")
    const value = a.state === 'present' ? norm(String(a.value)) : undefined
    const f = quote(a.sysctl_file)
    const r = await runSnippet(ctx, [
      `printf '__TSPLAY__ id=live v=%s\\n' "$(sysctl -n -- ${quote(a.name)} 2>/dev/null | base64 -w0)"`,
      `if [ -f ${f} ]; then printf '__TSPLAY__ id=file b64='; base64 -w0 < ${f}; echo; fi`,
    ].join('\n'))
    const live = norm(decode64(r.byId.live.v))
    const before = r.byId.file ? decode64(r.byId.file.b64) : ''
    const after = fixLines(before, a.name, value)
    const setLive = a.sysctl_set && value !== undefined && live !== value
    const data = { name: a.name, value, sysctl_file: a.sysctl_file }
    if (after === undefined && !setLive) return ok(undefined, data)
    const diff = ctx.diff ? [{ path: a.sysctl_file, before, after: after ?? before }] : undefined
    if (ctx.check) return changed(`${a.name} would change`, data, diff)
    if (after !== undefined) {
      if (!r.byId.file) await runSnippet(ctx, `mkdir -p -- "$(dirname -- ${f})"`)
      await ensureFile({ ...ctx, diff: false }, { dest: a.sysctl_file, content: Buffer.from(after), mode: r.byId.file ? undefined : '0644' })
    }
    const cmds: string[] = []
    if (setLive) cmds.push(`sysctl -w ${quote(`${a.name}=${value}`)}`)
    if (after !== undefined && a.reload) cmds.push(`sysctl -p ${f}${a.ignoreerrors ? ' -e' : ''}`)
    if (cmds.length) {
      const res = await ctx.conn.run(cmds.join(' >/dev/null && '), { become: ctx.become })
      if (res.rc !== 0 && !a.ignoreerrors) throw new ModuleError(`sysctl: failed to reload ${a.sysctl_file}: ${remoteError(res)}`)
    }
    return changed(`${a.name}${value !== undefined ? `=${value}` : ' removed'}`, data, diff)
  },
})
