// Helpers shared by the filter families.
import { filterError, typeError } from '../errors.js'
import { isDict, iterate, str } from '../py.js'
import { num } from '../pyfloat.js'
import { findTest } from '../registry.js'
import { type Runtime, getitem } from '../runtime.js'
import { bindArgs } from '../callable.js'
import { Undefined } from '../undefined.js'

/** Jinja's make_attrgetter: `a.b.0` reads item by item (integers for digit parts). */
export function attrGetter(rt: Runtime, attribute: unknown, dflt?: unknown): (item: unknown) => unknown {
  if (attribute === undefined || attribute === null) return (x) => x
  const parts = typeof attribute === 'number' ? [attribute] : str(attribute).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
  return (item) => {
    let v = item
    for (const p of parts) v = getitem(rt, v, p)
    if (dflt !== undefined && v instanceof Undefined) return dflt
    return v
  }
}

/** Calls test `name` (select/reject/selectattr take tests by name). */
export function runTest(rt: Runtime, name: unknown, value: unknown, args: unknown[]): boolean {
  const def = findTest(str(name))
  if (!def) throw new Error(`No test named '${str(name)}'.`)
  if (!def.lazy && value instanceof Undefined) value.fail()
  return Boolean(def.fn(rt, value, ...bindArgs(str(name), def.params, args, {})))
}

export function toList(v: unknown): unknown[] {
  if (v instanceof Undefined) v.fail()
  return iterate(v)
}

export function toNum(v: unknown, what = 'value'): number {
  const n = num(v)
  if (n === undefined) {
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v)
    throw typeError(`${what} must be a number, not ${str(v)}`)
  }
  return n
}

export function needDict(v: unknown, filter: string): Record<string, unknown> {
  if (!isDict(v)) throw filterError(`${filter} expects a dictionary, got ${str(v)}`)
  return v
}

export function needList(v: unknown, filter: string): unknown[] {
  if (!Array.isArray(v)) throw filterError(`${filter} expects a list`)
  return v
}
