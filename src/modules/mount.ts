// mount: an fstab entry and/or an active mount (mounted/unmounted/present/absent/remounted).
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { ensureFile } from './lib/ensure-file.js'
import { changed, ok } from './lib/result.js'
import { decode64, remoteError, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface MountArgs {
  path: string
  src?: string
  fstype?: string
  opts: string
  dump: string
  passno: string
  state: 'mounted' | 'unmounted' | 'present' | 'absent' | 'remounted'
  fstab: string
}

// fstab fields escape spaces and tabs as octal
const esc = (s: string) => s.replace(/\\/g, '\\134').replace(/ /g, '\\040').replace(/\t/g, '\\011').replace(/\n/g, '\\012')
const unesc = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)))

export function fstabWith(text: string, a: MountArgs, present: boolean): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n')
  const entry = [a.src ?? '', a.path, a.fstype ?? '', a.opts, a.dump, a.passno].map((f) => esc(String(f))).join(' ')
  let done = false
  const out: string[] = []
  for (const line of lines) {
    const f = line.trim().split(/\s+/)
    if (line.trim().startsWith('#') || f.length < 2 || unesc(f[1]) !== a.path) {
      out.push(line)
      continue
    }
    if (present && !done) out.push(entry)
    done = true
  }
  if (present && !done) out.push(entry)
  return out.length ? out.join('\n') + '\n' : ''
}

export const mount = defineModule<MountArgs>({
  name: 'mount',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path', 'state'],
    properties: {
      path: { type: 'string', aliases: ['name'], pattern: '^/' },
      src: { type: 'string' },
      fstype: { type: 'string' },
      opts: { type: 'string', default: 'defaults' },
      dump: { type: ['string', 'integer'], default: '0' },
      passno: { type: ['string', 'integer'], default: '0' },
      state: { enum: ['mounted', 'unmounted', 'present', 'absent', 'remounted', 'ephemeral'] },
      fstab: { type: 'string', default: '/etc/fstab' },
      boot: { type: 'boolean' },
      backup: { type: 'boolean' },
    },
  },
  async run(ctx, a) {
    const needsEntry = a.state === 'mounted' || a.state === 'present'
    if (needsEntry && (!a.src || !a.fstype)) throw new ModuleError(`mount: state=${a.state} requires src and fstype`)
    const p = quote(a.path)
    const r = await runSnippet(ctx, [
      // mountpoint(1) is util-linux; /proc/self/mounts (octal-escaped) is the fallback
      `if mountpoint -q ${p} 2>/dev/null || awk -v p=${quote(esc(a.path))} '$2 == p { f = 1 } END { exit !f }' /proc/self/mounts; then m=1; else m=0; fi`,
      `printf '__TSPLAY__ id=m mounted=%s\\n' "$m"`,
      `if [ -f ${quote(a.fstab)} ]; then printf '__TSPLAY__ id=fstab b64='; base64 -w0 < ${quote(a.fstab)}; echo; fi`,
    ].join('\n'))
    const mounted = r.byId.m.mounted === '1'
    const before = r.byId.fstab ? decode64(r.byId.fstab.b64) : ''
    const after = a.state === 'absent' ? fstabWith(before, a, false) : needsEntry ? fstabWith(before, a, true) : before
    const cmds: string[] = []
    const what: string[] = []
    if (after !== before) what.push('fstab')
    const mountCmd = `mkdir -p -- ${p} && mount ${quoteArgv(['-t', a.fstype ?? 'auto', '-o', a.opts, '--', a.src ?? '', a.path])}`
    if (a.state === 'mounted' && !mounted) { cmds.push(mountCmd); what.push('mounted') }
    else if (a.state === 'mounted' && after !== before) { cmds.push(`mount -o ${quote(`remount,${a.opts}`)} -- ${p}`); what.push('remounted') }
    if ((a.state === 'unmounted' || a.state === 'absent') && mounted) { cmds.push(`umount -- ${p}`); what.push('unmounted') }
    if (a.state === 'remounted') { cmds.push(mounted ? `mount -o remount -- ${p}` : mountCmd); what.push('remounted') }
    const data = { name: a.path, src: a.src, fstype: a.fstype, opts: a.opts, fstab: a.fstab }
    if (!what.length) return ok(undefined, data)
    const diff = ctx.diff && after !== before ? [{ path: a.fstab, before, after }] : undefined
    if (ctx.check) return changed(`${a.path}: ${what.join(', ')}`, data, diff)
    if (after !== before) await ensureFile({ ...ctx, diff: false }, { dest: a.fstab, content: Buffer.from(after), mode: r.byId.fstab ? undefined : '0644' })
    if (cmds.length) {
      const res = await ctx.conn.run(cmds.join(' && '), { become: ctx.become })
      if (res.rc !== 0) throw new ModuleError(`mount ${a.path}: ${remoteError(res)}`)
    }
    return changed(`${a.path}: ${what.join(', ')}`, data, diff)
  },
})
