// Python `re` patterns run on JS RegExp: named groups (?P<n>) and (?P=n), inline flags ((?i) (?s) (?m)
// (?x)), \A \Z, and `$` matching before a final newline as Python's does; replacement strings use
// Python's \1 \g<1> \g<name> syntax. Filters: regex_search regex_replace regex_findall regex_escape.
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { str } from '../py.js'

const cache = new Map<string, RegExp>()

export function pyRegex(pattern: string, flags: { i?: boolean; m?: boolean; s?: boolean; g?: boolean } = {}): RegExp {
  const key = `${pattern}\0${flags.i ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}${flags.g ? 'g' : ''}`
  const hit = cache.get(key)
  if (hit) {
    hit.lastIndex = 0
    return hit
  }
  let p = pattern
  let i = Boolean(flags.i)
  let m = Boolean(flags.m)
  let s = Boolean(flags.s)
  let x = false
  // leading global inline flags
  p = p.replace(/^\(\?([aiLmsux]+)\)/, (_a, f: string) => {
    if (f.includes('i')) i = true
    if (f.includes('m')) m = true
    if (f.includes('s')) s = true
    if (f.includes('x')) x = true
    return ''
  })
  let out = ''
  let inClass = false
  for (let k = 0; k < p.length; k++) {
    const c = p[k]
    if (c === '\\') {
      const n = p[k + 1]
      k++
      if (n === undefined) throw filterError('bad escape (end of pattern)')
      if (!inClass && n === 'A') out += '(?<![\\s\\S])'
      else if (!inClass && n === 'Z') out += '(?![\\s\\S])'
      else out += '\\' + n
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      out += c === '[' ? '\\[' : c
      continue
    }
    if (c === '[') {
      inClass = true
      out += c
      if (p[k + 1] === '^') out += p[++k]
      if (p[k + 1] === ']') out += '\\' + p[++k]
      continue
    }
    if (x && /\s/.test(c)) continue
    if (x && c === '#') {
      while (k < p.length && p[k] !== '\n') k++
      continue
    }
    if (c === '(' && p.startsWith('(?P<', k)) {
      out += '(?<'
      k += 3
      continue
    }
    if (c === '(' && p.startsWith('(?P=', k)) {
      const end = p.indexOf(')', k)
      out += `\\k<${p.slice(k + 4, end)}>`
      k = end
      continue
    }
    if (c === '$' && !m) {
      out += '(?=\\n?(?![\\s\\S]))'
      continue
    }
    out += c
  }
  try {
    const re = new RegExp(out, `${i ? 'i' : ''}${m ? 'm' : ''}${s ? 's' : ''}${flags.g ? 'g' : ''}`)
    cache.set(key, re)
    return re
  } catch (e) {
    throw filterError(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`)
  }
}

/** Expands a Python replacement template for one match. */
export function expandReplacement(repl: string, m: RegExpExecArray | string[], groups?: Record<string, string | undefined>): string {
  return repl.replace(/\\(?:g<([^>]+)>|(\d{1,2})|(.))/gs, (all, name: string | undefined, num: string | undefined, esc: string | undefined) => {
    if (name !== undefined) return (/^\d+$/.test(name) ? m[Number(name)] : groups?.[name]) ?? ''
    if (num !== undefined) return m[Number(num)] ?? ''
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' }
    return map[esc!] ?? all
  })
}

function reFlags(kw: { ignorecase?: unknown; multiline?: unknown }) {
  return { i: Boolean(kw.ignorecase), m: Boolean(kw.multiline) }
}

export function regexReplace(value: string, pattern: string, repl: string, ignorecase: unknown, multiline: unknown, count: number): string {
  const re = pyRegex(pattern, { ...reFlags({ ignorecase, multiline }), g: true })
  let done = 0
  let out = ''
  let last = 0
  re.lastIndex = 0
  for (;;) {
    if (count > 0 && done >= count) break
    const m = re.exec(value)
    if (!m) break
    out += value.slice(last, m.index) + expandReplacement(repl, m, m.groups)
    last = m.index + m[0].length
    done++
    if (m[0] === '') {
      if (m.index < value.length) out += value[m.index]
      last = m.index + 1
      re.lastIndex = m.index + 1
      if (m.index >= value.length) break
    }
  }
  return out + value.slice(last)
}

defineFilters({
  regex_replace: ['pattern,replacement,ignorecase,multiline', (_rt, v, pattern = '', repl = '', ic = false, ml = false) => regexReplace(str(v), str(pattern), str(repl), ic, ml, 0)],
  regex_search: ['regex,*args,ignorecase,multiline', (_rt, v, regex, args: unknown[], ic = false, ml = false) => {
    const m = pyRegex(str(regex), reFlags({ ignorecase: ic, multiline: ml })).exec(str(v))
    if (!args.length) return m ? m[0] : null
    const groups: unknown[] = []
    for (const a of args) {
      const sa = str(a)
      const g = /^\\g<(\w+)>$/.exec(sa)
      const n = /^\\(\d+)$/.exec(sa)
      if (g) groups.push(g[1])
      else if (n) groups.push(Number(n[1]))
      else throw filterError('Unknown argument')
    }
    if (!m) return null
    return groups.map((g) => (typeof g === 'number' ? m[g] ?? null : m.groups?.[g as string] ?? null))
  }],
  regex_findall: ['regex,multiline,ignorecase', (_rt, v, regex, ml = false, ic = false) => {
    const re = pyRegex(str(regex), { ...reFlags({ ignorecase: ic, multiline: ml }), g: true })
    const out: unknown[] = []
    for (const m of str(v).matchAll(re)) out.push(m.length === 1 ? m[0] : m.length === 2 ? m[1] ?? '' : m.slice(1).map((x) => x ?? ''))
    return out
  }],
  regex_escape: ['re_type', (_rt, v, reType = 'python') => {
    const s = str(v)
    if (reType === 'posix_basic') return s.replace(/[\\.^$*[\]]/g, '\\$&')
    if (reType !== 'python') throw filterError('Regex type (' + str(reType) + ') not yet implemented')
    return s.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => '\\' + c)
  }],
})
