// Jinja's and Ansible's core filters: default, mandatory, bool, int, float, string, ternary, type_debug,
// length, list, first, last, join, map, select/reject(attr), attr, abs, round, sum, batch, slice.
import { defineFilters, findFilter } from '../registry.js'
import { filterError, typeError } from '../errors.js'
import { bindArgs } from '../callable.js'
import { isDict, iterate, len, str, truthy, typeName, plain, tuple } from '../py.js'
import { PyFloat, float, isFloat, num, roundPy } from '../pyfloat.js'
import { getattr, isPyObject, type Runtime } from '../runtime.js'
import { MISSING, pyMethod } from '../py-methods.js'
import { Undefined } from '../undefined.js'
import { attrGetter, runTest, toList } from './common.js'
import { boolFilter } from '../../../util/boolean.js'

/** Python's int(str, base) */
function parseIntPy(s: string, base: number): number | undefined {
  let t = s.trim().replace(/_/g, '')
  let sign = 1
  if (t[0] === '-' || t[0] === '+') {
    if (t[0] === '-') sign = -1
    t = t.slice(1)
  }
  let b = base
  if (b === 0 || b === 16) if (/^0x/i.test(t)) (t = t.slice(2)), (b = 16)
  if (b === 0 || b === 8) if (/^0o/i.test(t)) (t = t.slice(2)), (b = 8)
  if (b === 0 || b === 2) if (/^0b/i.test(t)) (t = t.slice(2)), (b = 2)
  if (b === 0) b = 10
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b)
  if (!t || ![...t.toLowerCase()].every((c) => digits.includes(c))) return undefined
  return sign * parseInt(t, b)
}

export function pyFloatParse(v: unknown): number | undefined {
  if (typeof v === 'string') {
    const t = v.trim().replace(/_/g, '').toLowerCase()
    if (/^[-+]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity
    if (/^[-+]?nan$/.test(t)) return NaN
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return Number(t)
    return undefined
  }
  return num(v)
}

export function toInt(v: unknown, dflt: unknown = 0, base: unknown = 10): unknown {
  v = plain(v)
  if (typeof v === 'string') {
    const n = parseIntPy(v, Number(num(base) ?? 10))
    if (n !== undefined) return n
  } else if (num(v) !== undefined) return Math.trunc(num(v)!)
  const f = pyFloatParse(v)
  if (f !== undefined && Number.isFinite(f)) return Math.trunc(f)
  return dflt
}

/** The bool filter: Ansible's to_bool (util/boolean.ts); an integral float box counts as its number. */
export function toBool(a: unknown): boolean | null {
  const v = plain(a)
  return boolFilter(v instanceof PyFloat ? v.value : v) ?? null
}

function mapFilter(rt: Runtime, value: unknown, args: unknown[], kw: Record<string, unknown>): unknown[] {
  const items = toList(value)
  if (!args.length && 'attribute' in kw) {
    const get = attrGetter(rt, kw.attribute, kw.default)
    return items.map(get)
  }
  const name = str(args[0])
  const def = findFilter(name)
  if (!def) throw new Error(`No filter named '${name}'.`)
  const rest = args.slice(1)
  return items.map((x) => {
    if (!def.lazy && x instanceof Undefined) x.fail()
    return def.fn(rt, x, ...bindArgs(name, def.params, rest, kw))
  })
}

function selectOrReject(rt: Runtime, value: unknown, args: unknown[], keep: boolean, attr: boolean): unknown[] {
  const items = toList(value)
  let get = (x: unknown) => x
  if (attr) {
    get = attrGetter(rt, args[0])
    args = args.slice(1)
  }
  const check = args.length ? (x: unknown) => runTest(rt, args[0], x, args.slice(1)) : (x: unknown) => truthy(x)
  return items.filter((x) => check(get(x)) === keep)
}

function pyAttrOnly(_rt: Runtime, v: Record<string, unknown>, name: string): unknown {
  const m = pyMethod(v, name)
  return m === MISSING ? new Undefined(name, v, true) : m
}

function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

defineFilters({
  default: ['default_value,boolean', (_rt, v, d = '', boolean = false) => (v instanceof Undefined || (boolean && !truthy(v)) ? d : v), { lazy: true }],
  d: ['default_value,boolean', (_rt, v, d = '', boolean = false) => (v instanceof Undefined || (boolean && !truthy(v)) ? d : v), { lazy: true }],
  mandatory: ['msg', (_rt, v, msg) => {
    if (v instanceof Undefined) {
      const name = v.name !== undefined && !v.hasObj ? `'${v.name}' ` : ''
      throw filterError(msg ? str(msg) : `Mandatory variable ${name}not defined.`)
    }
    return v
  }, { lazy: true }],
  bool: ['', (_rt, v) => toBool(v)],
  int: ['default,base', (_rt, v, d = 0, base = 10) => toInt(v, d, base)],
  float: ['default', (_rt, v, d = new PyFloat(0)) => {
    const f = pyFloatParse(plain(v))
    return f === undefined ? d : float(f)
  }],
  string: ['', (_rt, v) => str(v)],
  ternary: ['true_val,false_val,none_val', (_rt, v, t, f, n = null) => (v === null && n !== null ? n : truthy(v) ? t : f), { lazy: true }],
  type_debug: ['', (_rt, v) => typeName(v)],
  length: ['', (_rt, v) => len(v)],
  count: ['', (_rt, v) => len(v)],
  list: ['', (_rt, v) => [...iterate(plain(v))]],
  first: ['', (_rt, v) => {
    const l = iterate(plain(v))
    return l.length ? l[0] : new Undefined(undefined, undefined, false, undefined, 'No first item, sequence was empty.')
  }],
  last: ['', (_rt, v) => {
    const l = iterate(plain(v))
    return l.length ? l[l.length - 1] : new Undefined(undefined, undefined, false, undefined, 'No last item, sequence was empty.')
  }],
  join: ['d,attribute', (rt, v, d = '', attribute) => {
    const get = attrGetter(rt, attribute)
    return iterate(plain(v)).map((x) => str(get(x))).join(str(d))
  }],
  map: ['*args,**kw', (rt, v, args: unknown[], kw) => mapFilter(rt, v, args, kw)],
  select: ['*args', (rt, v, args: unknown[]) => selectOrReject(rt, v, args, true, false)],
  reject: ['*args', (rt, v, args: unknown[]) => selectOrReject(rt, v, args, false, false)],
  selectattr: ['*args', (rt, v, args: unknown[]) => selectOrReject(rt, v, args, true, true)],
  rejectattr: ['*args', (rt, v, args: unknown[]) => selectOrReject(rt, v, args, false, true)],
  // Jinja's attr() reads attributes only, never items: a dict's keys are not attributes
  attr: ['name', (rt, v, name) => (isDict(v) && !isPyObject(v) ? pyAttrOnly(rt, v, str(name)) : getattr(rt, v, str(name)))],
  abs: ['', (_rt, v) => {
    const n = num(v)
    if (n === undefined) throw typeError(`bad operand type for abs(): '${typeName(v)}'`)
    return isFloat(v) ? float(Math.abs(n)) : Math.abs(n)
  }],
  round: ['precision,method', (_rt, v, precision = 0, method = 'common') => {
    const n = num(v)
    if (n === undefined) throw typeError(`type ${typeName(v)} doesn't define __round__ method`)
    const p = 10 ** Number(precision)
    if (method === 'ceil') return float(Math.ceil(n * p) / p)
    if (method === 'floor') return float(Math.floor(n * p) / p)
    if (method !== 'common') throw filterError('method must be common, ceil or floor')
    if (!isFloat(v)) return n
    return float(Number(precision) >= 0 ? roundPy(n, Number(precision)) : roundHalfEven(n * p) / p)
  }],
  sum: ['attribute,start', (rt, v, attribute, start = 0) => {
    const get = attrGetter(rt, attribute)
    let acc: unknown = start
    for (const x of iterate(v)) acc = addValues(acc, get(x))
    return acc
  }],
  batch: ['linecount,fill_with', (_rt, v, n, fill = null) => {
    const items = iterate(v)
    const size = Number(num(n))
    const out: unknown[][] = []
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
    if (fill !== null && out.length && out[out.length - 1].length < size) while (out[out.length - 1].length < size) out[out.length - 1].push(fill)
    return out
  }],
  slice: ['slices,fill_with', (_rt, v, n, fill = null) => {
    const seq = iterate(v)
    const slices = Number(num(n))
    const per = Math.floor(seq.length / slices)
    const extra = seq.length % slices
    const out: unknown[][] = []
    let offset = 0
    for (let i = 0; i < slices; i++) {
      const start = offset + i * per
      if (i < extra) offset++
      const end = offset + (i + 1) * per
      const part = seq.slice(start, end)
      if (fill !== null && i >= extra) part.push(fill)
      out.push(part)
    }
    return out
  }],
  items: ['', (_rt, v) => {
    if (v instanceof Undefined) return []
    if (!isDict(v)) throw filterError(`Can only get item pairs from a mapping.`)
    return Object.keys(v).map((k) => tuple([k, v[k]]))
  }, { lazy: true }],
  safe: ['', (_rt, v) => v],
  e: ['', (_rt, v) => htmlEscape(str(v))],
  escape: ['', (_rt, v) => htmlEscape(str(v))],
  forceescape: ['', (_rt, v) => htmlEscape(str(v))],
  pprint: ['', (_rt, v) => str(v, true)],
})

import { add } from '../py-ops.js'
function addValues(a: unknown, b: unknown): unknown {
  return add(a, b)
}

export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;')
}
