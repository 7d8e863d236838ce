// Ansible takes Python regular expressions; translate the common differences to JavaScript.
import { ModuleError } from '../../errors.js'

/** Compiles a Python `re` pattern as a JS RegExp (named groups, \A \Z, leading inline flags). */
export function pyRegExp(pattern: string, flags = '', arg = 'regexp'): RegExp {
  let src = pattern
  let f = flags
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src)
  if (inline) {
    src = src.slice(inline[0].length)
    for (const c of inline[1]) if ('ims'.includes(c) && !f.includes(c)) f += c
  }
  src = src
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^(?<![\\s\\S])')
    .replace(/\\Z/g, '$(?![\\s\\S])')
  try {
    return new RegExp(src, f)
  } catch (e) {
    throw new ModuleError(`${arg}: invalid regular expression '${pattern}': ${(e as Error).message}`)
  }
}

/** Python's match.expand(): \1, \g<1>, \g<name>, and the usual escapes; everything else literal. */
export function pyExpand(template: string, m: RegExpExecArray | RegExpMatchArray): string {
  const group = (key: string) => {
    const v = /^\d+$/.test(key) ? m[Number(key)] : m.groups?.[key]
    if (v === undefined && !(/^\d+$/.test(key) && Number(key) < m.length)) throw new ModuleError(`invalid group reference ${key} in line`)
    return v ?? ''
  }
  const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' }
  return template.replace(/\\(g<([^>]+)>|\d{1,2}|.)/gs, (all, what: string, name?: string) => {
    if (name !== undefined) return group(name)
    if (/^\d+$/.test(what)) return group(what)
    return esc[what] ?? all
  })
}
