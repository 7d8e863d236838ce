// List, set and math filters: unique union intersect difference symmetric_difference flatten min max sort
// reverse zip zip_longest product permutations combinations subelements extract groupby log pow root
// human_readable human_to_bytes rekey_on_member shuffle random.
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { cmp, contains, eq, isDict, iterate, namedTuple, repr, str, plain, tuple } from '../py.js'
import { float, num } from '../pyfloat.js'
import { type Runtime, getitem } from '../runtime.js'
import { Undefined } from '../undefined.js'
import { attrGetter, toList, toNum } from './common.js'
import { pyRandom } from './random.js'

const GROUP_FIELDS = ['grouper', 'list'] as const

const lowerKey = (cs: boolean) => (v: unknown) => (!cs && typeof v === 'string' ? v.toLowerCase() : v)

export function unique(rt: Runtime, a: unknown, caseSensitive = false, attribute?: unknown): unknown[] {
  const get = attrGetter(rt, attribute)
  const key = lowerKey(caseSensitive)
  const seen: unknown[] = []
  const out: unknown[] = []
  for (const x of toList(a)) {
    const k = key(get(x))
    if (seen.some((s) => eq(s, k))) continue
    seen.push(k)
    out.push(x)
  }
  return out
}

function flatten(list: unknown[], levels: number | null, skipNulls: boolean): unknown[] {
  const out: unknown[] = []
  for (const el of list) {
    if (skipNulls && (el === null || el === 'None' || el === 'null')) continue
    if (Array.isArray(el)) {
      if (levels === null) out.push(...flatten(el, null, skipNulls))
      else if (levels >= 1) out.push(...flatten(el, levels - 1, skipNulls))
      else out.push(el)
    } else out.push(el)
  }
  return out
}

function sortList(rt: Runtime, v: unknown, reverse: boolean, cs: boolean, attribute: unknown): unknown[] {
  if (typeof attribute === 'string' && attribute.includes(',')) {
    const getters = attribute.split(',').map((a) => attrGetter(rt, a.trim()))
    const key = lowerKey(cs)
    const keyed = [...toList(v)].map((x) => [getters.map((g) => key(g(x))), x] as const)
    keyed.sort((a, b) => cmp(a[0], b[0]) * (reverse ? -1 : 1))
    return keyed.map((k) => k[1])
  }
  const get = attrGetter(rt, attribute)
  const key = lowerKey(cs)
  const items = [...toList(v)]
  const keyed = items.map((x) => [key(get(x)), x] as const)
  keyed.sort((a, b) => cmp(a[0], b[0]) * (reverse ? -1 : 1))
  return keyed.map((k) => k[1])
}

function minmax(rt: Runtime, v: unknown, sign: number, cs: boolean, attribute: unknown): unknown {
  const items = toList(v)
  if (!items.length) return new Undefined(undefined, undefined, false, undefined, 'No aggregated item, sequence was empty.')
  const get = attrGetter(rt, attribute)
  const key = lowerKey(cs)
  let best = items[0]
  for (const x of items.slice(1)) if (cmp(key(get(x)), key(get(best))) * sign > 0) best = x
  return best
}

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((a) => l.map((x) => [...a, x])), [[]])
}

function permutations(items: unknown[], r: number): unknown[][] {
  if (r === 0) return [[]]
  const out: unknown[][] = []
  items.forEach((x, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)], r - 1)) out.push([x, ...rest])
  })
  return out
}

function combinations(items: unknown[], r: number): unknown[][] {
  if (r === 0) return [[]]
  const out: unknown[][] = []
  items.forEach((x, i) => {
    for (const rest of combinations(items.slice(i + 1), r - 1)) out.push([x, ...rest])
  })
  return out
}

export function subelements(_rt: Runtime, obj: unknown, subs: unknown, skipMissing: unknown = false): unknown[][] {
  const elements = isDict(obj) ? Object.values(obj) : Array.isArray(obj) ? obj : undefined
  if (!elements) throw filterError('obj must be a list of dicts or a nested dict')
  const path = Array.isArray(subs) ? subs : typeof subs === 'string' ? subs.split('.') : undefined
  if (!path) throw filterError('subelements must be a list or a string')
  const out: unknown[][] = []
  for (const el of elements) {
    let values: unknown = el
    for (const key of path) {
      if (!isDict(values)) throw filterError(`the key ${str(key)} should point to a dictionary, got '${str(values)}'`)
      if (!(str(key) in values)) {
        if (skipMissing) {
          values = []
          break
        }
        throw filterError(`could not find ${repr(key)} key in iterated item ${repr(values)}`)
      }
      values = values[str(key)]
    }
    if (!Array.isArray(values)) throw filterError(`the key ${repr(path[path.length - 1])} should point to a list, got ${repr(values)}`)
    for (const v of values) out.push(tuple([el, v]))
  }
  return out
}

const SIZE: [string, number][] = [['Y', 2 ** 80], ['Z', 2 ** 70], ['E', 2 ** 60], ['P', 2 ** 50], ['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10], ['B', 1]]

export function humanReadable(size: number, isbits: boolean, unit: unknown): string {
  const base = isbits ? 'bits' : 'Bytes'
  let suffix = ''
  let limit = 1
  for ([suffix, limit] of SIZE) if ((unit == null && size >= limit) || (unit != null && str(unit).toUpperCase() === suffix[0])) break
  suffix = limit !== 1 ? suffix + base[0] : base
  return `${(size / limit).toFixed(2)} ${suffix}`
}

export function humanToBytes(v: unknown, defaultUnit: unknown, isbits: boolean): number {
  const m = /^\s*(-?\d*\.?\d*)\s*([A-Za-z]+)?\s*$/.exec(str(v))
  if (!m || m[1] === '') throw filterError(`human_to_bytes() can't interpret following string: ${str(v)}`)
  const n = Number(m[1])
  let unit = m[2] ?? (defaultUnit != null ? str(defaultUnit) : undefined)
  if (!unit) return Math.round(n)
  const ok = isbits ? /^(?:[a-zA-Z]?b(?:it)?s?|[a-zA-Z]?bit)$/i : /^[a-zA-Z]?B(?:ytes?|yte)?$/
  const first = unit[0].toUpperCase()
  const limit = SIZE.find(([s]) => s === first)?.[1]
  if (unit.length > 1 || first === 'B') {
    const tail = unit.length > 1 ? unit.slice(1) : unit
    if (!(isbits ? /^b(?:it)?s?$/.test(tail) || unit === 'b' : /^B(?:yte)?s?$/.test(tail) || unit === 'B')) {
      if (!(isbits && /^bits?$/i.test(unit)) && !(!isbits && /^bytes?$/i.test(unit)) && !ok.test(unit)) throw filterError(`human_to_bytes() failed to convert ${str(v)}. Value is not a valid string (expect ${isbits ? 'bits' : 'bytes'})`)
    }
  }
  if (limit === undefined || (first === 'B' && unit.length === 1 && isbits)) {
    if (/^bytes?$/i.test(unit) || /^bits?$/i.test(unit) || unit === 'B' || unit === 'b') return Math.round(n)
    throw filterError(`human_to_bytes() failed to convert ${str(v)}. The suffix must be one of ${SIZE.map((s) => s[0]).join(', ')}`)
  }
  unit = first
  return Math.round(n * limit)
}

defineFilters({
  unique: ['case_sensitive,attribute', (rt, a, cs = false, attribute) => unique(rt, a, Boolean(cs), attribute)],
  union: ['b', (rt, a, b) => unique(rt, [...toList(a), ...toList(b)], true)],
  intersect: ['b', (rt, a, b) => unique(rt, toList(a).filter((x) => contains(b, x)), true)],
  difference: ['b', (rt, a, b) => unique(rt, toList(a).filter((x) => !contains(b, x)), true)],
  symmetric_difference: ['b', (rt, a, b) => {
    const isect = unique(rt, toList(a).filter((x) => contains(b, x)), true)
    return unique(rt, [...toList(a), ...toList(b)], true).filter((x) => !contains(isect, x))
  }],
  flatten: ['levels,skip_nulls', (_rt, a, levels = null, skipNulls = true) => flatten(toList(a), levels === null ? null : Number(num(levels)), Boolean(skipNulls))],
  min: ['case_sensitive,attribute', (rt, a, cs = false, attribute) => minmax(rt, a, -1, Boolean(cs), attribute)],
  max: ['case_sensitive,attribute', (rt, a, cs = false, attribute) => minmax(rt, a, 1, Boolean(cs), attribute)],
  sort: ['reverse,case_sensitive,attribute', (rt, a, reverse = false, cs = false, attribute) => sortList(rt, a, Boolean(reverse), Boolean(cs), attribute)],
  reverse: ['', (_rt, a) => {
    a = plain(a)
    if (typeof a === 'string') return Array.from(a).reverse().join('')
    return [...iterate(a)].reverse()
  }],
  zip: ['*lists', (_rt, a, lists: unknown[]) => {
    const all = [toList(a), ...lists.map(toList)]
    const n = Math.min(...all.map((l) => l.length))
    return Array.from({ length: n }, (_, i) => tuple(all.map((l) => l[i])))
  }],
  zip_longest: ['*lists,fillvalue', (_rt, a, lists: unknown[], fill = null) => {
    const all = [toList(a), ...lists.map(toList)]
    const n = Math.max(...all.map((l) => l.length))
    return Array.from({ length: n }, (_, i) => tuple(all.map((l) => (i < l.length ? l[i] : fill))))
  }],
  product: ['*lists,repeat', (_rt, a, lists: unknown[], repeat = 1) => {
    const base = [toList(a), ...lists.map(toList)]
    const all: unknown[][] = []
    for (let i = 0; i < Number(repeat); i++) all.push(...base)
    return product(all).map(tuple)
  }],
  permutations: ['r', (_rt, a, r = null) => {
    const items = toList(a)
    return permutations(items, r === null ? items.length : Number(num(r))).map(tuple)
  }],
  combinations: ['r', (_rt, a, r) => combinations(toList(a), Number(num(r))).map(tuple)],
  subelements: ['subelements,skip_missing', (rt, obj, subs, skip = false) => subelements(rt, obj, subs, skip)],
  extract: ['container,morekeys', (rt, item, container, morekeys = null) => {
    let v = getitem(rt, container, item)
    const more = morekeys === null ? [] : Array.isArray(morekeys) ? morekeys : [morekeys]
    for (const k of more) v = getitem(rt, v, k)
    return v
  }],
  groupby: ['attribute,default,case_sensitive', (rt, a, attribute, dflt = undefined, cs = false) => {
    const get = attrGetter(rt, attribute, dflt)
    const key = lowerKey(Boolean(cs))
    const sorted = sortList(rt, a, false, Boolean(cs), attribute)
    const out: [unknown, unknown[]][] = []
    for (const x of sorted) {
      const k = get(x)
      const last = out[out.length - 1]
      if (last && eq(key(last[0]), key(k))) last[1].push(x)
      else out.push(namedTuple([k, [x]], GROUP_FIELDS) as [unknown, unknown[]])
    }
    return out
  }],
  log: ['base', (_rt, x, base = Math.E) => float(Math.log(toNum(x)) / Math.log(toNum(base)))],
  pow: ['y', (_rt, x, y) => float(toNum(x) ** toNum(y))],
  root: ['base', (_rt, x, base = 2) => float(Number(base) === 2 ? Math.sqrt(toNum(x)) : Number(base) === 3 ? Math.cbrt(toNum(x)) : toNum(x) ** (1 / toNum(base)))],
  human_readable: ['isbits,unit', (_rt, v, isbits = false, unit = null) => {
    const n = num(v) ?? Number(v)
    if (Number.isNaN(n)) throw filterError(`human_readable() can't interpret following string: ${str(v)}`)
    return humanReadable(n, Boolean(isbits), unit)
  }],
  human_to_bytes: ['default_unit,isbits', (_rt, v, du = null, isbits = false) => humanToBytes(v, du, Boolean(isbits))],
  rekey_on_member: ['key,duplicates', (_rt, data, key, duplicates = 'error') => {
    const out: Record<string, unknown> = {}
    const items = isDict(data) ? Object.values(data) : toList(data)
    for (const item of items) {
      if (!isDict(item)) throw filterError(`List item is not a valid dict`)
      if (!(str(key) in item)) throw filterError(`Key ${str(key)} was not found`)
      const k = str(item[str(key)])
      if (k in out && duplicates === 'error') throw filterError(`Key ${k} is not unique, cannot correctly turn into dict`)
      if (!(k in out) || duplicates === 'overwrite') out[k] = item
    }
    return out
  }],
  random: ['start,step,seed', (_rt, end, start = null, step = null, seed = null) => pyRandom(end, start, step, seed)],
  shuffle: ['seed', (_rt, v, seed = null) => {
    const l = [...toList(v)]
    if (seed === null) {
      for (let i = l.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1))
        ;[l[i], l[j]] = [l[j], l[i]]
      }
      return l
    }
    return pyRandom(l, null, null, seed, true)
  }],
})

