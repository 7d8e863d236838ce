// The oracle's JSON form of a value (its canon()), to compare native results.
import { PyFloat } from '../../../../src/template/jinja/pyfloat.js'

export function canon(v: unknown): unknown {
  if (v instanceof String) return v.valueOf()
  if (v instanceof PyFloat) return v.value
  if (v === undefined) return null
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf'
  if (Array.isArray(v)) return v.map(canon)
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {}
    for (const k of Object.keys(v)) o[k] = canon((v as Record<string, unknown>)[k])
    return o
  }
  return v
}

export function sameNative(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'number' && typeof b === 'number') return a === b
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameNative(x, b[i]))
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => k in (b as object) && sameNative((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  }
  return false
}
