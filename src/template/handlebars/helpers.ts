// Handlebars helpers for the usual Ansible filters and tests. Filters become prefix calls:
// Jinja `x | default('a')` is `(default x "a")`, `x is defined` is `(defined x)`.
// Each helper gets plain values; the trailing Handlebars `options` argument is stripped in engine.ts.
import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import yaml from 'js-yaml'
import { boolFilter } from '../../util/boolean.js'
import { describe } from '../../util/describe.js'
import { quote } from '../../util/shell-quote.js'
import { loadYaml } from '../../util/yaml.js'
import { truthy } from '../jinja/py.js'

type Helper = (...args: unknown[]) => unknown

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

function list(value: unknown, helper: string): unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') return [...value]
  if (value && typeof value === 'object') return Object.keys(value)
  throw new TypeError(`${helper} expects a list, got ${describe(value)}`)
}

function str(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

// Python `re` replacement syntax (\1, \g<1>, \g<name>) → JavaScript ($1, $<name>).
function pythonReplacement(repl: string): string {
  return repl
    .replace(/\$/g, '$$$$')
    .replace(/\\g<(\d+)>/g, '$$$1')
    .replace(/\\g<(\w+)>/g, '$$<$1>')
    .replace(/\\(\d+)/g, '$$$1')
}

function regex(pattern: unknown, flags = ''): RegExp {
  // Python inline flags the Ansible docs use: (?i) (?m) (?s) at the start.
  let source = String(pattern)
  const inline = /^\(\?([ims]+)\)/.exec(source)
  if (inline) {
    source = source.slice(inline[0].length)
    flags += inline[1]
  }
  return new RegExp(source, flags)
}

function isResultWith(flag: 'failed' | 'changed' | 'skipped' | 'unreachable') {
  return (r: unknown): boolean => {
    if (!r || typeof r !== 'object') throw new TypeError(`the '${flag}' test expects a registered result, got ${describe(r)}`)
    const o = r as Record<string, unknown>
    return o[flag] === true || o.status === flag
  }
}

export const helpers: Record<string, Helper> = {
  eq: (a, b) => deepEqual(a, b),
  ne: (a, b) => !deepEqual(a, b),
  lt: (a, b) => compare(a, b) < 0,
  gt: (a, b) => compare(a, b) > 0,
  lte: (a, b) => compare(a, b) <= 0,
  gte: (a, b) => compare(a, b) >= 0,
  // Short-circuit like Jinja: `and (defined x) x.y` does not touch x.y when x is undefined.
  and: (...xs) => xs.every((x) => truthy(use(x))),
  or: (...xs) => xs.some((x) => truthy(use(x))),
  not: (x) => !truthy(x),
  in: (item, container) => contains(container, item),
  contains: (container, item) => contains(container, item),
  // defined/undefined/default receive `undefined` for a missing variable instead of an error (engine.ts).
  defined: (x) => x !== undefined,
  undefined: (x) => x === undefined,
  default: (x, fallback, ifFalsy) => (x === undefined || x === null || (ifFalsy === true && !truthy(x)) ? fallback : x),
  mandatory: (x) => x,
  bool: (x) => boolFilter(x),
  int: (x, fallback = 0) => {
    const n = typeof x === 'number' ? Math.trunc(x) : parseInt(String(x), 10)
    return Number.isNaN(n) ? fallback : n
  },
  float: (x, fallback = 0) => {
    const n = Number(x)
    return Number.isNaN(n) ? fallback : n
  },
  string: (x) => str(x),
  join: (xs, sep = '') => list(xs, 'join').map(str).join(String(sep)),
  split: (s, sep) => (sep === undefined ? String(s).trim().split(/\s+/).filter(Boolean) : String(s).split(String(sep))),
  length: (x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.keys(x).length : list(x, 'length').length),
  first: (xs) => list(xs, 'first')[0],
  last: (xs) => list(xs, 'last').at(-1),
  unique: (xs) => list(xs, 'unique').filter((x, i, all) => all.findIndex((y) => deepEqual(x, y)) === i),
  sort: (xs, attribute) =>
    [...list(xs, 'sort')].sort((a, b) =>
      typeof attribute === 'string' ? compare((a as never)[attribute], (b as never)[attribute]) : compare(a, b),
    ),
  min: (xs) => [...list(xs, 'min')].sort(compare)[0],
  max: (xs) => [...list(xs, 'max')].sort(compare).at(-1),
  lower: (s) => str(s).toLowerCase(),
  upper: (s) => str(s).toUpperCase(),
  trim: (s) => str(s).trim(),
  replace: (s, from, to = '') => str(s).split(String(from)).join(String(to)),
  regex_replace: (s, pattern, repl = '') => str(s).replace(regex(pattern, 'g'), pythonReplacement(String(repl))),
  regex_search: (s, pattern) => regex(pattern).exec(str(s))?.[0] ?? null,
  match: (s, pattern) => regex(`^(?:${String(pattern)})`).test(str(s)),
  search: (s, pattern) => regex(pattern).test(str(s)),
  startswith: (s, prefix) => str(s).startsWith(String(prefix)),
  endswith: (s, suffix) => str(s).endsWith(String(suffix)),
  b64encode: (s) => Buffer.from(str(s), 'utf8').toString('base64'),
  b64decode: (s) => Buffer.from(str(s), 'base64').toString('utf8'),
  to_json: (x) => JSON.stringify(x),
  to_nice_json: (x) => JSON.stringify(x, null, 4),
  from_json: (s) => JSON.parse(str(s)),
  to_yaml: (x) => yaml.dump(x, { flowLevel: 0 }).trimEnd(),
  to_nice_yaml: (x) => yaml.dump(x, { indent: 4 }),
  from_yaml: (s) => loadYaml(str(s), '<from_yaml>'),
  // Ansible's default algorithm is sha1; tsplay defaults to sha256 (name another: `hash x "sha1"`).
  hash: (s, algorithm = 'sha256') => createHash(String(algorithm)).update(str(s)).digest('hex'),
  basename: (p) => posix.basename(str(p)),
  dirname: (p) => posix.dirname(str(p)),
  quote: (s) => quote(str(s)),
  concat: (...xs) => xs.map(str).join(''),
  ternary: (cond, yes, no) => use(truthy(cond) ? yes : no),
  combine: (...dicts) => Object.assign({}, ...dicts),
  dict2items: (d) => Object.entries((d ?? {}) as object).map(([key, value]) => ({ key, value })),
  items2dict: (xs) => Object.fromEntries(list(xs, 'items2dict').map((i) => [(i as never)['key'], (i as never)['value']])),
  // Jinja's map(attribute='x'): `(map users "name")`.
  map: (xs, attribute) => list(xs, 'map').map((x) => (x as Record<string, unknown>)?.[String(attribute)]),
  // Ansible's extract: `(extract groups.[etcd] hostvars "ip")` → each host's ip.
  extract: (keys, container, attribute) =>
    list(keys, 'extract').map((k) => {
      const v = (container as Record<string, unknown>)?.[String(k)]
      return attribute === undefined ? v : (v as Record<string, unknown>)?.[String(attribute)]
    }),
  range: (start, end, step = 1) => {
    const [from, to] = end === undefined ? [0, Number(start)] : [Number(start), Number(end)]
    const out: number[] = []
    for (let i = from; Number(step) > 0 ? i < to : i > to; i += Number(step)) out.push(i)
    return out
  },
  list: (...xs) => xs,
  succeeded: (r) => !isResultWith('failed')(r) && !isResultWith('unreachable')(r),
  success: (r) => !isResultWith('failed')(r) && !isResultWith('unreachable')(r),
  failed: isResultWith('failed'),
  changed: isResultWith('changed'),
  skipped: isResultWith('skipped'),
  unreachable: isResultWith('unreachable'),
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') return container.includes(str(item))
  if (Array.isArray(container)) return container.some((x) => deepEqual(x, item))
  if (container && typeof container === 'object') return Object.hasOwn(container, String(item))
  return false
}

/** A variable that is not defined, passed to a lenient argument; `error` is what using it throws. */
export class Missing {
  constructor(readonly error: Error) {}
}

/** Which arguments may name an undefined variable without an error right away. */
export function isLenient(helper: string, index: number): boolean {
  if (helper === 'default' || helper === 'defined' || helper === 'undefined') return index === 0
  if (helper === 'and' || helper === 'or') return true
  return helper === 'ternary' && index > 0
}

/** Helpers that receive Missing themselves, so only the arguments they actually use must be defined. */
export const passesMissing = new Set(['and', 'or', 'ternary'])

function use(x: unknown): unknown {
  if (x instanceof Missing) throw x.error
  return x
}
