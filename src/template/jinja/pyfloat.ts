// Python has ints and floats; JS has one number type. A JS number that is not integral can only be a
// float, so only an integral float (4/2 → 2.0, `1.0`, `'3' | float`) needs a marker: this tiny box. It
// keeps `{{ 4 / 2 }}` rendering "2.0" and `is float` true, at the cost of unboxing (num()) where
// arithmetic and filters read numbers. Everything else stays a plain JS number.

export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value
  }
  toJSON(): number {
    return this.value
  }
}

/** A Python float result: boxed when integral, so it prints as `2.0`. */
export function float(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n
}

export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v))
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v)
}

/** A number (bool counts, as in Python), or undefined when `v` is no number. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v
  if (v instanceof PyFloat) return v.value
  if (typeof v === 'boolean') return v ? 1 : 0
  return undefined
}

export function isNumber(v: unknown): boolean {
  return typeof v === 'number' || v instanceof PyFloat
}

/**
 * `n` with `digits` decimals, rounded as Python does: to the nearest, ties (exact in binary) to even.
 * JS's toFixed picks the larger on a tie (2.25 → "2.3"; Python: "2.2").
 */
export function toFixedPy(n: number, digits: number): string {
  if (!Number.isFinite(n)) return floatRepr(n)
  const d = Math.max(0, Math.min(100, digits))
  const fixed = n.toFixed(d)
  if (d + 25 > 100) return fixed
  const exact = Math.abs(n).toFixed(Math.min(100, d + 60)) // exact decimal expansion of the double
  const cut = exact.length - (Math.min(100, d + 60) - d)
  const rest = exact.slice(cut)
  if (!/^50*$/.test(rest)) return fixed
  const kept = exact.slice(0, cut).replace(/\.$/, '')
  const last = Number(kept[kept.length - 1])
  if (last % 2 === 0) return (n < 0 && /[1-9]/.test(kept) ? '-' : '') + kept
  return fixed
}

/** Python's round(x, n) for n >= 0. */
export function roundPy(n: number, digits: number): number {
  return Number(toFixedPy(n, digits))
}

/** Python's repr() of a float. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan'
  if (n === Infinity) return 'inf'
  if (n === -Infinity) return '-inf'
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0'
  const abs = Math.abs(n)
  if (abs >= 1e16 || abs < 1e-4) {
    // Python: d.ddde+XX with at least two exponent digits
    const [mant, exp] = n.toExponential().split('e')
    const e = Number(exp)
    return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
  }
  const s = String(n)
  if (s.includes('e')) {
    // JS uses exponents from 1e21; Python from 1e16: expand
    return BigInt(Math.round(n)).toString() + '.0'
  }
  return Number.isInteger(n) ? s + '.0' : s
}
