// String filters: lower upper capitalize title trim replace truncate center indent wordcount format split
// quote comment urlencode.
import { quote } from '../../../util/shell-quote.js'
import { defineFilters } from '../registry.js'
import { pyMethod } from '../py-methods.js'
import { percentFormat } from '../py-format.js'
import { isDict, iterate, len, str, tuple } from '../py.js'
import { num } from '../pyfloat.js'
import type { PyFn } from '../callable.js'

const method = (s: string, name: string, ...args: unknown[]) => (pyMethod(s, name) as PyFn)(args, {})

const SPLITLINES = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/

export function indent(s: string, width: unknown = 4, first = false, blank = false): string {
  const ind = typeof width === 'string' ? width : ' '.repeat(Number(num(width)))
  const text = s + '\n'
  const lines = text.split(SPLITLINES)
  lines.pop() // splitlines drops the empty piece after the final newline
  let rv: string
  if (blank) rv = lines.map((l, i) => (i === 0 ? l : ind + l)).join('\n')
  else rv = lines[0] + (lines.length > 1 ? '\n' + lines.slice(1).map((l) => (l ? ind + l : l)).join('\n') : '')
  return first ? ind + rv : rv
}

function urlQuote(s: string, safe = '/'): string {
  return Array.from(Buffer.from(s, 'utf8'))
    .map((b) => {
      const c = String.fromCharCode(b)
      return /[A-Za-z0-9_.~-]/.test(c) || safe.includes(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0')
    })
    .join('')
}

defineFilters({
  lower: ['', (_rt, v) => str(v).toLowerCase()],
  upper: ['', (_rt, v) => str(v).toUpperCase()],
  capitalize: ['', (_rt, v) => method(str(v), 'capitalize')],
  title: ['', (_rt, v) => str(v).split(/([-\s({[<]+)/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join('')],
  trim: ['chars', (_rt, v, chars = null) => method(str(v), 'strip', chars)],
  replace: ['old,new,count', (_rt, v, o, n, count = null) => method(str(v), 'replace', str(o), str(n), count === null ? -1 : count)],
  truncate: ['length,killwords,end,leeway', (_rt, v, length = 255, killwords = false, end = '...', leeway = 5) => {
    const s = str(v)
    const L = Number(num(length))
    if (L < str(end).length) throw new Error(`expected length >= ${str(end).length}, got ${L}`)
    if (len(s) <= L + Number(num(leeway))) return s
    if (killwords) return s.slice(0, L - end.length) + end
    const head = s.slice(0, L - end.length)
    const i = head.lastIndexOf(' ')
    return (i < 0 ? head : head.slice(0, i)) + end
  }],
  center: ['width', (_rt, v, w = 80) => method(str(v), 'center', w)],
  indent: ['width,first,blank', (_rt, v, w = 4, first = false, blank = false) => indent(str(v), w, first, blank)],
  wordcount: ['', (_rt, v) => (str(v).match(/\w+/gu) ?? []).length],
  format: ['*args,**kw', (_rt, v, args: unknown[], kw) => percentFormat(str(v), Object.keys(kw).length ? kw : tuple(args))],
  split: ['sep,maxsplit', (_rt, v, sep = null, max = -1) => method(str(v), 'split', sep, max)],
  quote: ['', (_rt, v) => quote(str(v ?? ''))],
  urlencode: ['', (_rt, v) => {
    if (typeof v === 'string') return urlQuote(v)
    const pairs = isDict(v) ? Object.entries(v) : iterate(v).map((p) => p as [unknown, unknown])
    return pairs.map(([k, x]) => `${urlQuote(str(k), '').replace(/%20/g, '+')}=${urlQuote(str(x), '').replace(/%20/g, '+')}`).join('&')
  }],
})
