// Python semantics the evaluator needs: truthiness, str()/repr(), ==, ordering, `in`, type names.
import { typeError } from './errors.js'
import { PyFloat, floatRepr, num } from './pyfloat.js'
import { Undefined } from './undefined.js'

export type PyDict = Record<string, unknown>

const tuples = new WeakSet<unknown[]>()
/** Marks an array as a Python tuple: it prints as (a, b). Returns it. */
export function tuple<T extends unknown[]>(items: T): T {
  tuples.add(items)
  return items
}
export const isTuple = (v: unknown[]): boolean => tuples.has(v)

const fieldNames = new WeakMap<unknown[], readonly string[]>()
/** A namedtuple: a tuple whose items are also attributes (groupby's grouper and list). */
export function namedTuple<T extends unknown[]>(items: T, fields: readonly string[]): T {
  fieldNames.set(items, fields)
  return tuple(items)
}
export const tupleFields = (v: unknown[]): readonly string[] | undefined => fieldNames.get(v)

export function isStr(v: unknown): v is string {
  return typeof v === 'string'
}

export function isDict(v: unknown): v is PyDict {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  if (v instanceof PyFloat || v instanceof Undefined || v instanceof String || v instanceof Date) return false
  const p = Object.getPrototypeOf(v)
  return p === Object.prototype || p === null || (v as { __dict__?: boolean }).__dict__ === true
}

export function isList(v: unknown): v is unknown[] {
  return Array.isArray(v)
}

/** The plain value of a String object (UnsafeText) or the value itself. */
export function plain(v: unknown): unknown {
  return v instanceof String ? v.valueOf() : v
}

export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false
  if (v === true) return true
  if (typeof v === 'string') return v.length > 0
  if (typeof v === 'number') return v !== 0
  if (v instanceof Undefined) return v.strict ? v.fail() : false
  if (Array.isArray(v)) return v.length > 0
  if (v instanceof PyFloat) return v.value !== 0
  if (v instanceof String) return v.length > 0
  if (isDict(v)) {
    for (const _ in v) return true
    return Object.keys(v).length > 0
  }
  return true
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float'
  if (v instanceof PyFloat) return 'float'
  if (typeof v === 'string' || v instanceof String) return 'str'
  if (Array.isArray(v)) return 'list'
  if (v instanceof Undefined) return 'AnsibleUndefined'
  if (typeof v === 'function') return 'function'
  if (isDict(v)) return 'dict'
  const named = (v as { pyType?: string }).pyType
  return named ?? 'object'
}

const REPR_ESC: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** Python's repr() of a string. */
export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = q
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === q) out += '\\' + ch
    else if (REPR_ESC[ch]) out += REPR_ESC[ch]
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0')
    else if (c >= 0x80 && !isPrintable(ch, c)) out += c <= 0xff ? '\\x' + c.toString(16).padStart(2, '0') : c <= 0xffff ? '\\u' + c.toString(16).padStart(4, '0') : '\\U' + c.toString(16).padStart(8, '0')
    else out += ch
  }
  return out + q
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u
function isPrintable(ch: string, c: number): boolean {
  if (c === 0x20) return true
  return !NON_PRINTABLE.test(ch)
}

export function repr(v: unknown): string {
  if (typeof v === 'string') return strRepr(v)
  if (v instanceof String) return strRepr(v.valueOf())
  if (v instanceof Undefined) return v.fail()
  return str(v, true)
}

/** Python's str(). */
export function str(v: unknown, inRepr = false): string {
  if (typeof v === 'string') return inRepr ? strRepr(v) : v
  if (v === null || v === undefined) return 'None'
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (typeof v === 'number') return Number.isInteger(v) ? (Object.is(v, -0) ? '0' : Math.abs(v) < 1e21 ? String(v) : BigInt(v).toString()) : floatRepr(v)
  if (v instanceof PyFloat) return floatRepr(v.value)
  if (v instanceof String) return inRepr ? strRepr(v.valueOf()) : v.valueOf()
  if (v instanceof Undefined) return v.strict ? v.fail() : ''
  if (Array.isArray(v)) return tuples.has(v) ? (v.length === 1 ? `(${repr(v[0])},)` : '(' + v.map(repr).join(', ') + ')') : '[' + v.map(repr).join(', ') + ']'
  if (typeof v === 'function') return `<function ${v.name || 'anonymous'}>`
  const custom = (v as { pyStr?: () => string }).pyStr
  if (typeof custom === 'function') return custom.call(v)
  if (isDict(v)) {
    const parts: string[] = []
    for (const k of Object.keys(v)) parts.push(`${strRepr(k)}: ${repr(v[k])}`)
    return '{' + parts.join(', ') + '}'
  }
  return String(v)
}

/** Python's ==: deep, with 1 == 1.0 == True. Undefined operands raise. */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return a instanceof Undefined ? a.fail() : true
  if (a instanceof Undefined) return a.fail()
  if (b instanceof Undefined) return b.fail()
  if (a instanceof String) a = a.valueOf()
  if (b instanceof String) b = b.valueOf()
  if (typeof a === 'string' || typeof b === 'string') return a === b
  const na = num(a)
  if (na !== undefined) {
    const nb = num(b)
    return nb !== undefined && na === nb
  }
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null)
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!eq(a[i], b[i])) return false
    return true
  }
  const oa = (a as { pyOrder?: () => number } | null)?.pyOrder
  if (typeof oa === 'function' && typeName(a) === typeName(b)) return oa.call(a) === (b as { pyOrder: () => number }).pyOrder()
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a)
    if (ka.length !== Object.keys(b).length) return false
    for (const k of ka) if (!(k in b) || !eq(a[k], b[k])) return false
    return true
  }
  return false
}

/** Python ordering: numbers with numbers, str with str, lists lexicographically; otherwise TypeError. */
export function cmp(a: unknown, b: unknown, op = '<'): number {
  if (a instanceof Undefined) return a.fail()
  if (b instanceof Undefined) return b.fail()
  a = plain(a)
  b = plain(b)
  const na = num(a)
  const nb = num(b)
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : na === nb ? 0 : NaN
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  const oa = (a as { pyOrder?: () => number } | null)?.pyOrder
  const ob = (b as { pyOrder?: () => number } | null)?.pyOrder
  if (typeof oa === 'function' && typeof ob === 'function' && typeName(a) === typeName(b)) return Math.sign(oa.call(a) - ob.call(b))
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (eq(a[i], b[i])) continue
      return cmp(a[i], b[i], op)
    }
    return a.length - b.length
  }
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`)
}

/** Python's `item in container`. */
export function contains(container: unknown, item: unknown): boolean {
  if (container instanceof Undefined) return container.fail()
  container = plain(container)
  item = plain(item)
  if (typeof container === 'string') {
    if (item instanceof Undefined) return item.fail()
    if (typeof item !== 'string') throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`)
    return container.includes(item)
  }
  if (Array.isArray(container)) {
    for (const x of container) if (eq(x, item)) return true
    return false
  }
  if (isDict(container)) {
    if (item instanceof Undefined) return item.fail()
    if (typeof item === 'string') return Object.prototype.hasOwnProperty.call(container, item) || item in container
    if (typeof item === 'number' || typeof item === 'boolean' || item === null) return Object.prototype.hasOwnProperty.call(container, str(item))
    return false
  }
  const has = (container as { pyContains?: (x: unknown) => boolean } | null)?.pyContains
  if (typeof has === 'function') return has.call(container, item)
  throw typeError(`argument of type '${typeName(container)}' is not iterable`)
}

/** Python's iter() as an array (dicts give their keys, strings their characters). */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v
  if (typeof v === 'string') return Array.from(v)
  if (v instanceof Undefined) return v.strict ? v.fail() : []
  if (v instanceof String) return Array.from(v.valueOf())
  if (isDict(v)) return Object.keys(v)
  const it = (v as { pyIter?: () => unknown[] } | null)?.pyIter
  if (typeof it === 'function') return it.call(v)
  throw typeError(`'${typeName(v)}' object is not iterable`)
}

/** Python's len(). */
export function len(v: unknown): number {
  if (typeof v === 'string') return Array.from(v).length
  if (Array.isArray(v)) return v.length
  if (v instanceof Undefined) return v.strict ? v.fail() : 0
  if (v instanceof String) return v.length
  if (isDict(v)) return Object.keys(v).length
  const l = (v as { pyLen?: () => number } | null)?.pyLen
  if (typeof l === 'function') return l.call(v)
  throw typeError(`object of type '${typeName(v)}' has no len()`)
}
