// file's modification_time/access_time: 'preserve', 'now' or a time in a strftime format, probed on the host
// and set with touch, as Ansible's file module decides them.
import { ModuleError } from '../../errors.js'
import { quote } from '../../util/shell-quote.js'
import type { Fields } from './snippet.js'

export type TimeSpec = { kind: 'preserve' } | { kind: 'now' } | { kind: 'at'; text: string }

/** modification_time/access_time: 'preserve', 'now' or a time in the given strftime format (touch defaults to now). */
export function timeSpec(value: string | undefined, format: string, state: string | undefined): TimeSpec {
  const v = value ?? (state === 'touch' ? 'now' : 'preserve')
  if (v === 'preserve') return { kind: 'preserve' }
  if (v === 'now') return { kind: 'now' }
  return { kind: 'at', text: strptime(v, format) }
}

// strptime for the directives time formats use; the result is local time on the host ('YYYY-MM-DD HH:MM:SS' for date -d)
const DIRECTIVES: Record<string, [string, string]> = { Y: ['Y', '(\\d{4})'], m: ['m', '(\\d{1,2})'], d: ['d', '(\\d{1,2})'], H: ['H', '(\\d{1,2})'], M: ['M', '(\\d{1,2})'], S: ['S', '(\\d{1,2})'], y: ['y', '(\\d{2})'] }
function strptime(value: string, format: string): string {
  const fail = (why: string) => new ModuleError(`Error while obtaining timestamp for time ${value} using format ${format}: ${why}`)
  const order: string[] = []
  let re = ''
  for (let i = 0; i < format.length; i++) {
    const c = format[i]
    if (c !== '%') { re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); continue }
    const d = format[++i]
    if (d === '%') { re += '%'; continue }
    const spec = DIRECTIVES[d]
    if (!spec) throw new ModuleError(`time format directive %${d} is not supported`, 'use %Y %m %d %H %M %S %y')
    order.push(spec[0])
    re += spec[1]
  }
  const m = new RegExp(`^${re}$`).exec(value)
  if (!m) throw fail(`time data '${value}' does not match format '${format}'`)
  const f: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0 }
  order.forEach((k, i) => { const n = Number(m[i + 1]); if (k === 'y') f.Y = n < 69 ? 2000 + n : 1900 + n; else f[k] = n })
  if (f.m < 1 || f.m > 12 || f.d < 1 || f.d > 31 || f.H > 23 || f.M > 59 || f.S > 61) throw fail(`time data '${value}' does not match format '${format}'`)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${String(f.Y).padStart(4, '0')}-${two(f.m)}-${two(f.d)} ${two(f.H)}:${two(f.M)}:${two(f.S)}`
}

/** sh for the probe: the path's mtime/atime (nanoseconds, following links) and the wanted times as epochs on the host. */
export function timesProbe(qp: string, m: TimeSpec, at: TimeSpec): string {
  const want = (t: TimeSpec, k: string) => (t.kind === 'at' ? ` ${k}=$(date -d ${quote(t.text)} +%s)` : '')
  return `_tm=$(stat -L -c 'm=%.9Y a=%.9X' -- ${qp} 2>/dev/null); echo "__TSPLAY__ id=times $_tm${want(m, 'wm')}${want(at, 'wa')}"`
}

/** touch commands for the times asked for; 'now' is always a change, a time only when it differs (Ansible's rule). */
export function planTimes(m: TimeSpec, at: TimeSpec, probe: Fields | undefined, exists: boolean, target: string): { commands: string[]; before: Record<string, number>; after: Record<string, number> } {
  const out = { commands: [] as string[], before: {} as Record<string, number>, after: {} as Record<string, number> }
  if (m.kind === 'preserve' && at.kind === 'preserve') return out
  const now = Date.now() / 1000
  if (m.kind === 'now' && at.kind === 'now') {
    out.commands.push(`touch -c -- ${target} || exit 1`)
    if (probe?.m) Object.assign(out.before, { mtime: Number(probe.m), atime: Number(probe.a) })
    Object.assign(out.after, { mtime: now, atime: now })
    return out
  }
  const one = (t: TimeSpec, key: 'mtime' | 'atime', flag: string, cur: string | undefined, want: string | undefined) => {
    if (t.kind === 'preserve') return
    const value = t.kind === 'now' ? now : Number(want)
    if (exists && cur !== undefined && t.kind === 'at' && Number(cur) === value) return
    out.commands.push(`touch -c ${flag} ${t.kind === 'at' ? `-d ${quote(t.text)} ` : ''}-- ${target} || exit 1`)
    if (cur !== undefined) out.before[key] = Number(cur)
    out.after[key] = value
  }
  one(m, 'mtime', '-m', probe?.m, probe?.wm)
  one(at, 'atime', '-a', probe?.a, probe?.wa)
  return out
}
