// Python's two string formatting mini-languages: `'%s-%05d' % (a, b)` and `'{}:{:>4}'.format(a, b)`.
import type { Kw } from './callable.js'
import { typeError } from './errors.js'
import { isDict, isTuple, repr, str } from './py.js'
import { floatRepr, isFloat, num, toFixedPy } from './pyfloat.js'

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s
  if (left) return s.padEnd(width)
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s[0] : ''
    return sign + s.slice(sign.length).padStart(width - sign.length, '0')
  }
  return s.padStart(width)
}

function fixed(n: number, prec: number): string {
  return toFixedPy(n, prec)
}

function expo(n: number, prec: number, upper: boolean): string {
  const [m, e] = n.toExponential(prec).split('e')
  const ex = Number(e)
  const s = `${m}e${ex < 0 ? '-' : '+'}${String(Math.abs(ex)).padStart(2, '0')}`
  return upper ? s.toUpperCase() : s
}

function general(n: number, prec: number, alt: boolean): string {
  if (n === 0) return '0'
  const p = prec === 0 ? 1 : prec
  const exp = Math.floor(Math.log10(Math.abs(n)))
  let s: string
  if (exp < -4 || exp >= p) s = expo(n, p - 1, false)
  else s = n.toFixed(Math.max(0, p - 1 - exp))
  if (!alt) s = s.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1')
  return s
}

/** One conversion of either language: `spec` is d/i/f/e/g/x/o/s/r..., value already chosen. */
function convert(v: unknown, type: string, prec: number | undefined, flags: string): string {
  const sign = (n: number, s: string) => (n < 0 || Object.is(n, -0) ? s : flags.includes('+') ? '+' + s : flags.includes(' ') ? ' ' + s : s)
  switch (type) {
    case 's': return str(v)
    case 'r': case 'a': return repr(v)
    case 'd': case 'i': case 'u': case 'n': {
      const n = num(v)
      if (n === undefined) throw typeError(`%${type} format: a real number is required, not ${typeof v}`)
      const t = Math.trunc(n)
      return sign(t, String(t))
    }
    case 'x': case 'X': case 'o': case 'b': {
      const n = num(v)
      if (n === undefined || !Number.isInteger(n) || isFloat(v)) throw typeError(`%${type} format: an integer is required, not ${isFloat(v) ? 'float' : typeof v}`)
      let s = Math.abs(n).toString(type === 'o' ? 8 : type === 'b' ? 2 : 16)
      if (type === 'X') s = s.toUpperCase()
      if (flags.includes('#')) s = (type === 'o' ? '0o' : type === 'b' ? '0b' : type === 'X' ? '0X' : '0x') + s
      return n < 0 ? '-' + s : sign(n, s)
    }
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case '%': {
      let n = num(v)
      if (n === undefined) throw typeError('must be real number, not ' + typeof v)
      if (type === '%') n *= 100
      const p = prec ?? 6
      const s = type === 'f' || type === 'F' || type === '%' ? fixed(n, p) : type === 'e' || type === 'E' ? expo(n, p, type === 'E') : general(n, p, flags.includes('#'))
      return sign(n, s) + (type === '%' ? '%' : '')
    }
    case 'c': return typeof v === 'number' ? String.fromCodePoint(v) : str(v)
  }
  throw typeError(`unsupported format character '${type}'`)
}

/** `fmt % args` (printf style). `args` is a tuple (array), a dict (for %(name)s) or one value. */
export function percentFormat(fmt: string, args: unknown): string {
  const list = Array.isArray(args) && isTuple(args) ? args : [args]
  let i = 0
  const out = fmt.replace(/%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g, (m, key, flags: string, w, p, type: string) => {
    if (type === '%' && m === '%%') return '%'
    const width = w === '*' ? Number(list[i++]) : w ? Number(w) : 0
    const prec = p === '*' ? Number(list[i++]) : p !== undefined ? Number(p) : undefined
    let v: unknown
    if (key !== undefined) {
      if (!isDict(args)) throw typeError('format requires a mapping')
      v = (args as Record<string, unknown>)[key]
    } else {
      if (i >= list.length) throw typeError('not enough arguments for format string')
      v = list[i++]
    }
    let s = convert(v, type, type === 's' || type === 'r' ? undefined : prec, flags)
    if ((type === 's' || type === 'r') && prec !== undefined) s = s.slice(0, prec)
    return pad(s, width, flags.includes('-'), flags.includes('0'))
  })
  if (/(?:^|[^%])(?:%%)*%[-+ #0]*\d*(?:\.\d*)?$/.test(fmt.replace(/%%/g, ''))) throw typeError('incomplete format')
  if (!isDict(args) && i < list.length) throw typeError('not all arguments converted during string formatting')
  return out
}

/** str.format: {} {0} {name} {0.attr} {0[key]} with a format spec after ':'. */
export function strFormat(fmt: string, args: unknown[], kw: Kw): string {
  let auto = 0
  // nested replacement fields inside a spec: '{:>{w}}'
  fmt = fmt.replace(/(\{[^{}]*:[^{}]*)\{([^{}]*)\}([^{}]*\})/g, (_m, a: string, inner: string, b: string) => a + str(inner === '' ? args[auto++] : /^\d+$/.test(inner) ? args[Number(inner)] : kw[inner]) + b)
  return fmt.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{'
    if (m === '}}') return '}'
    const path = (field ?? '').match(/^([^.[]*)(.*)$/)!
    let v: unknown = path[1] === '' ? args[auto++] : /^\d+$/.test(path[1]) ? args[Number(path[1])] : kw[path[1]]
    for (const part of path[2].matchAll(/\.(\w+)|\[([^\]]+)\]/g)) {
      const key = part[1] ?? part[2]
      v = Array.isArray(v) && /^\d+$/.test(key) ? v[Number(key)] : (v as Record<string, unknown>)?.[key]
    }
    if (conv === 'r' || conv === 'a') v = repr(v)
    else if (conv === 's') v = str(v)
    return formatSpec(v, spec ?? '')
  })
}

/** Python's format(value, spec) for the common specs. */
export function formatSpec(v: unknown, spec: string): string {
  if (!spec) return str(v)
  const m = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/.exec(spec)
  if (!m) throw typeError(`Invalid format specifier '${spec}'`)
  const [, fill = ' ', align, signFlag = '', alt, zero, w, group, p, type] = m
  const isNum = typeof v === 'number' || num(v) !== undefined && typeof v !== 'string'
  let s: string
  if (type) s = convert(v, type, p !== undefined ? Number(p) : undefined, signFlag + (alt ? '#' : ''))
  else if (isNum && p !== undefined) s = convert(v, 'g', Number(p), signFlag)
  else s = str(v)
  if (type === 's' && p !== undefined) s = s.slice(0, Number(p))
  if (group) s = s.replace(/^(-?)(\d+)/, (_a, sg, d: string) => sg + d.replace(/\B(?=(\d{3})+(?!\d))/g, group))
  const width = w ? Number(w) : 0
  if (s.length >= width) return s
  const a = align ?? (zero ? '=' : isNum ? '>' : '<')
  const f = zero && !align ? '0' : fill
  const n = width - s.length
  if (a === '<') return s + f.repeat(n)
  if (a === '>') return f.repeat(n) + s
  if (a === '^') return f.repeat(Math.floor(n / 2)) + s + f.repeat(n - Math.floor(n / 2))
  const sg = /^[-+ ]/.test(s) ? s[0] : ''
  return sg + f.repeat(n) + s.slice(sg.length)
}
