// Python's json.dumps as Ansible's to_json/to_nice_json call it: ", " and ": " separators (or "," with an
// indent), ensure_ascii, sort_keys, floats in repr form.
import { isDict, str } from '../py.js'
import { PyFloat, floatRepr } from '../pyfloat.js'
import { Undefined } from '../undefined.js'
import { typeError } from '../errors.js'

export interface DumpOptions {
  indent?: number | string | null
  sortKeys?: boolean
  ensureAscii?: boolean
  itemSep?: string
  keySep?: string
}

export function jsonString(s: string, ensureAscii = true): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    const code = s.charCodeAt(i)
    if (c === '"') out += '\\"'
    else if (c === '\\') out += '\\\\'
    else if (c === '\n') out += '\\n'
    else if (c === '\r') out += '\\r'
    else if (c === '\t') out += '\\t'
    else if (c === '\b') out += '\\b'
    else if (c === '\f') out += '\\f'
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += '\\u' + code.toString(16).padStart(4, '0')
    else out += c
  }
  return out + '"'
}

export function jsonDumps(v: unknown, o: DumpOptions = {}, level = 0): string {
  const ensure = o.ensureAscii ?? true
  if (v instanceof String) v = v.valueOf()
  if (v === null || v === undefined) return 'null'
  if (v === true) return 'true'
  if (v === false) return 'false'
  if (typeof v === 'string') return jsonString(v, ensure)
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return str(v)
    if (Number.isNaN(v)) return 'NaN'
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity'
    return floatRepr(v)
  }
  if (v instanceof PyFloat) return floatRepr(v.value)
  if (v instanceof Undefined) return v.fail()
  const ind = o.indent === null || o.indent === undefined ? undefined : typeof o.indent === 'number' ? ' '.repeat(o.indent) : o.indent
  const itemSep = o.itemSep ?? (ind !== undefined ? ',' : ', ')
  const keySep = o.keySep ?? ': '
  const nl = ind !== undefined ? '\n' + ind.repeat(level + 1) : ''
  const end = ind !== undefined ? '\n' + ind.repeat(level) : ''
  if (Array.isArray(v)) {
    if (!v.length) return '[]'
    return '[' + nl + v.map((x) => jsonDumps(x, o, level + 1)).join(itemSep + nl) + end + ']'
  }
  if (isDict(v)) {
    let keys = Object.keys(v)
    if (!keys.length) return '{}'
    if (o.sortKeys) keys = [...keys].sort()
    return '{' + nl + keys.map((k) => jsonString(k, ensure) + keySep + jsonDumps(v[k], o, level + 1)).join(itemSep + nl) + end + '}'
  }
  if (v instanceof Date) return jsonString(v.toISOString(), ensure)
  throw typeError(`Object of type ${typeof v} is not JSON serializable`)
}
