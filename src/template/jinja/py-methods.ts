// The Python methods of str, list and dict that Ansible content calls (`s.split(',')`, `l.append(x)`,
// `d.items()`). Jinja's getattr finds these before dict keys: `d.items` is the method even if d has an
// 'items' key. append/extend/update mutate, as they do in Ansible (no sandbox).
import { type Kw, type PyFn, bindArgs, pyfn } from './callable.js'
import { typeError } from './errors.js'
import { percentFormat, strFormat } from './py-format.js'
import { type PyDict, cmp, contains, eq, isDict, iterate, str, tuple, typeName } from './py.js'
import { num } from './pyfloat.js'

export const MISSING = Symbol('missing')

type Method = (self: any, ...args: any[]) => unknown
const method = (params: string, fn: Method) => ({ params: params ? params.split(',') : [], fn })
type Table = Record<string, { params: string[]; fn: Method }>

const WS = ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000'
function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WS : String(chars)
  let a = 0
  let b = s.length
  if (left) while (a < b && set.includes(s[a])) a++
  if (right) while (b > a && set.includes(s[b - 1])) b--
  return s.slice(a, b)
}

function split(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined || maxsplit === null ? -1 : Number(num(maxsplit))
  if (sep === undefined || sep === null) {
    const out: string[] = []
    let rest = s.replace(/^\s+/, '')
    while (rest.length) {
      if (max >= 0 && out.length >= max) {
        out.push(rest)
        break
      }
      const m = /\s+/.exec(rest)
      if (!m) {
        out.push(rest)
        break
      }
      out.push(rest.slice(0, m.index))
      rest = rest.slice(m.index + m[0].length)
    }
    return out
  }
  const sp = String(sep)
  if (sp === '') throw typeError('empty separator')
  const parts = s.split(sp)
  if (max < 0 || parts.length <= max + 1) return parts
  return [...parts.slice(0, max), parts.slice(max).join(sp)]
}

function rsplit(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined || maxsplit === null ? -1 : Number(num(maxsplit))
  if (max < 0) return split(s, sep, -1)
  if (sep === undefined || sep === null) {
    const words = split(s, null, -1)
    if (words.length <= max + 1) return words
    // the head keeps its inner whitespace
    const out: string[] = []
    let rest = s.replace(/\s+$/, '')
    for (let i = 0; i < max; i++) {
      const m = /\s+(\S+)$/.exec(rest)
      if (!m) break
      out.unshift(m[1])
      rest = rest.slice(0, m.index)
    }
    out.unshift(rest.replace(/^\s+/, ''))
    return out
  }
  const sp = String(sep)
  const parts = s.split(sp)
  if (parts.length <= max + 1) return parts
  return [parts.slice(0, parts.length - max).join(sp), ...parts.slice(parts.length - max)]
}

const prefixes = (p: unknown): string[] => (Array.isArray(p) ? p.map(String) : [String(p)])
function sliceIdx(s: string, start: unknown, end: unknown): [number, number] {
  const n = s.length
  let a = start === undefined || start === null ? 0 : Number(num(start))
  let b = end === undefined || end === null ? n : Number(num(end))
  if (a < 0) a = Math.max(0, n + a)
  if (b < 0) b = Math.max(0, n + b)
  return [Math.min(a, n), Math.min(b, n)]
}

function find(s: string, sub: string, start: unknown, end: unknown, rev: boolean): number {
  const [a, b] = sliceIdx(s, start, end)
  const part = s.slice(a, b)
  const i = rev ? part.lastIndexOf(sub) : part.indexOf(sub)
  return i < 0 ? -1 : i + a
}

const isAll = (s: string, re: RegExp) => s.length > 0 && re.test(s)

const STR: Table = {
  split: method('sep,maxsplit', (s: string, sep, max) => split(s, sep, max)),
  rsplit: method('sep,maxsplit', (s: string, sep, max) => rsplit(s, sep, max)),
  splitlines: method('keepends', (s: string, keep) => {
    const parts = s.split(/(\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])/)
    const out: string[] = []
    for (let i = 0; i < parts.length; i += 2) {
      if (i === parts.length - 1 && parts[i] === '') break
      out.push(keep ? parts[i] + (parts[i + 1] ?? '') : parts[i])
    }
    return out
  }),
  strip: method('chars', (s: string, c) => stripChars(s, c, true, true)),
  lstrip: method('chars', (s: string, c) => stripChars(s, c, true, false)),
  rstrip: method('chars', (s: string, c) => stripChars(s, c, false, true)),
  startswith: method('prefix,start,end', (s: string, p, a, b) => {
    const [x, y] = sliceIdx(s, a, b)
    return prefixes(p).some((q) => s.slice(x, y).startsWith(q))
  }),
  endswith: method('suffix,start,end', (s: string, p, a, b) => {
    const [x, y] = sliceIdx(s, a, b)
    return prefixes(p).some((q) => s.slice(x, y).endsWith(q))
  }),
  replace: method('old,new,count', (s: string, o, n, c) => {
    const parts = s.split(String(o))
    const max = c === undefined || Number(c) < 0 ? parts.length : Number(c) + 1
    if (String(o) === '') return s.split('').join(String(n))
    return parts.slice(0, max).join(String(n)) + (max < parts.length ? String(o) + parts.slice(max).join(String(o)) : '')
  }),
  join: method('iterable', (s: string, it) => iterate(it).map((x) => {
    if (typeof x !== 'string' && !(x instanceof String)) throw typeError(`sequence item 0: expected str instance, ${typeName(x)} found`)
    return String(x)
  }).join(s)),
  format: method('*args,**kw', (s: string, args: unknown[], kw: Kw) => strFormat(s, args, kw)),
  lower: method('', (s: string) => s.toLowerCase()),
  upper: method('', (s: string) => s.toUpperCase()),
  capitalize: method('', (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()),
  title: method('', (s: string) => s.replace(/[A-Za-z]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase())),
  swapcase: method('', (s: string) => Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')),
  casefold: method('', (s: string) => s.toLowerCase()),
  find: method('sub,start,end', (s: string, sub, a, b) => find(s, String(sub), a, b, false)),
  rfind: method('sub,start,end', (s: string, sub, a, b) => find(s, String(sub), a, b, true)),
  index: method('sub,start,end', (s: string, sub, a, b) => {
    const i = find(s, String(sub), a, b, false)
    if (i < 0) throw typeError('substring not found')
    return i
  }),
  rindex: method('sub,start,end', (s: string, sub, a, b) => {
    const i = find(s, String(sub), a, b, true)
    if (i < 0) throw typeError('substring not found')
    return i
  }),
  count: method('sub,start,end', (s: string, sub, a, b) => {
    const [x, y] = sliceIdx(s, a, b)
    const part = s.slice(x, y)
    const t = String(sub)
    return t === '' ? part.length + 1 : part.split(t).length - 1
  }),
  isdigit: method('', (s: string) => isAll(s, /^\d+$/)),
  isnumeric: method('', (s: string) => isAll(s, /^\p{N}+$/u)),
  isdecimal: method('', (s: string) => isAll(s, /^\d+$/)),
  isalpha: method('', (s: string) => isAll(s, /^\p{L}+$/u)),
  isalnum: method('', (s: string) => isAll(s, /^[\p{L}\p{N}]+$/u)),
  isspace: method('', (s: string) => isAll(s, /^\s+$/)),
  islower: method('', (s: string) => /\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s)),
  isupper: method('', (s: string) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s)),
  istitle: method('', (s: string) => /[A-Za-z]/.test(s) && s.replace(/[A-Za-z]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()) === s),
  isidentifier: method('', (s: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s)),
  zfill: method('width', (s: string, w) => {
    const width = Number(num(w))
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : ''
    const body = sign ? s.slice(1) : s
    return s.length >= width ? s : sign + body.padStart(width - sign.length, '0')
  }),
  center: method('width,fillchar', (s: string, w, f = ' ') => {
    const width = Number(num(w))
    if (s.length >= width) return s
    const total = width - s.length
    const left = Math.floor(total / 2) + (total & width & 1)
    return String(f).repeat(left) + s + String(f).repeat(total - left)
  }),
  ljust: method('width,fillchar', (s: string, w, f = ' ') => s.padEnd(Number(num(w)), String(f))),
  rjust: method('width,fillchar', (s: string, w, f = ' ') => s.padStart(Number(num(w)), String(f))),
  partition: method('sep', (s: string, sep) => {
    const i = s.indexOf(String(sep))
    return tuple(i < 0 ? [s, '', ''] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)])
  }),
  rpartition: method('sep', (s: string, sep) => {
    const i = s.lastIndexOf(String(sep))
    return tuple(i < 0 ? ['', '', s] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)])
  }),
  removeprefix: method('prefix', (s: string, p) => (s.startsWith(String(p)) ? s.slice(String(p).length) : s)),
  removesuffix: method('suffix', (s: string, p) => (String(p) && s.endsWith(String(p)) ? s.slice(0, -String(p).length) : s)),
  expandtabs: method('tabsize', (s: string, t = 8) => s.replace(/\t/g, ' '.repeat(Number(t)))),
  encode: method('encoding,errors', (s: string) => s),
  decode: method('encoding,errors', (s: string) => s),
  __mod__: method('args', (s: string, a) => percentFormat(s, a)),
}

const LIST: Table = {
  append: method('x', (l: unknown[], x) => void l.push(x)),
  extend: method('iterable', (l: unknown[], it) => void l.push(...iterate(it))),
  insert: method('index,x', (l: unknown[], i, x) => {
    let k = Number(num(i))
    if (k < 0) k = Math.max(0, l.length + k)
    l.splice(k, 0, x)
  }),
  pop: method('index', (l: unknown[], i) => {
    if (!l.length) throw typeError('pop from empty list')
    let k = i === undefined ? l.length - 1 : Number(num(i))
    if (k < 0) k += l.length
    if (k < 0 || k >= l.length) throw typeError('pop index out of range')
    return l.splice(k, 1)[0]
  }),
  remove: method('x', (l: unknown[], x) => {
    const k = l.findIndex((y) => eq(y, x))
    if (k < 0) throw typeError('list.remove(x): x not in list')
    l.splice(k, 1)
  }),
  index: method('x,start,end', (l: unknown[], x, a = 0) => {
    const k = l.findIndex((y, i) => i >= Number(a) && eq(y, x))
    if (k < 0) throw typeError(`${str(x, true)} is not in list`)
    return k
  }),
  count: method('x', (l: unknown[], x) => l.filter((y) => eq(y, x)).length),
  sort: method('key,reverse', (l: unknown[], _k, rev) => {
    l.sort((a, b) => cmp(a, b))
    if (rev) l.reverse()
  }),
  reverse: method('', (l: unknown[]) => void l.reverse()),
  copy: method('', (l: unknown[]) => l.slice()),
  clear: method('', (l: unknown[]) => void l.splice(0)),
}

const DICT: Table = {
  get: method('key,default', (d: PyDict, k, dflt = null) => (contains(d, k) ? d[String(k)] : dflt)),
  items: method('', (d: PyDict) => Object.keys(d).map((k) => tuple([k, d[k]]))),
  keys: method('', (d: PyDict) => Object.keys(d)),
  values: method('', (d: PyDict) => Object.keys(d).map((k) => d[k])),
  update: method('other,**kw', (d: PyDict, other, kw: Kw) => {
    if (isDict(other)) Object.assign(d, other)
    else if (other !== undefined) for (const pair of iterate(other)) d[String((pair as unknown[])[0])] = (pair as unknown[])[1]
    Object.assign(d, kw)
  }),
  setdefault: method('key,default', (d: PyDict, k, dflt = null) => {
    const key = String(k)
    if (!(key in d)) d[key] = dflt
    return d[key]
  }),
  pop: method('key,default', (d: PyDict, k, ...rest) => {
    const key = String(k)
    if (key in d) {
      const v = d[key]
      delete d[key]
      return v
    }
    if (rest.length && rest[0] !== undefined) return rest[0]
    throw typeError(`KeyError: ${str(k, true)}`)
  }),
  copy: method('', (d: PyDict) => ({ ...d })),
  clear: method('', (d: PyDict) => {
    for (const k of Object.keys(d)) delete d[k]
  }),
}

function bound(table: Table, self: unknown, name: string): PyFn | typeof MISSING {
  if (!Object.prototype.hasOwnProperty.call(table, name)) return MISSING
  const m = table[name]
  return pyfn(name, (args, kw) => {
    const bound = bindArgs(name, m.params, args, kw)
    const r = m.fn(self, ...bound)
    return r === undefined ? null : r
  })
}

/** A Python method of str, list or dict, bound to `self`, or MISSING. */
export function pyMethod(self: unknown, name: string): PyFn | typeof MISSING {
  if (typeof self === 'string') return bound(STR, self, name)
  if (Array.isArray(self)) return bound(LIST, self, name)
  if (isDict(self)) return bound(DICT, self, name)
  return MISSING
}

