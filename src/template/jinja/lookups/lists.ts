// Lookups that only reshape their terms (the with_* loops): items list indexed_items dict sequence
// subelements together nested flattened random_choice.
import type { Kw } from '../callable.js'
import { JinjaError } from '../errors.js'
import { isDict, iterate, str } from '../py.js'
import type { Runtime } from '../runtime.js'
import { percentFormat } from '../py-format.js'
import { subelements } from '../filters/lists.js'
import { parseKv } from './kv.js'
import { pyRegex } from '../filters/regex.js'

const flat1 = (terms: unknown[]) => terms.flatMap((t) => (Array.isArray(t) ? t : [t]))
const flatAll = (v: unknown): unknown[] => (Array.isArray(v) ? v.flatMap(flatAll) : [v])

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((a) => l.map((x) => [...a, x])), [[]])
}

function sequence(term: string): string[] {
  let opts: Record<string, string>
  const short = /^(?:(-?\d+|0x[0-9a-f]+)-)?(-?\d+|0x[0-9a-f]+)(?:\/(\d+))?(?::(.+))?$/i.exec(term.trim())
  if (short) opts = { start: short[1] ?? '1', end: short[2], stride: short[3] ?? '1', format: short[4] ?? '%d', count: '' }
  else opts = parseKv(term, { start: '1', end: '', count: '', stride: '1', format: '%d' }, {}).opts
  const int = (s: string) => parseInt(s, /^0x/i.test(s) ? 16 : /^0o?/i.test(s) && s.length > 1 ? 8 : 10)
  const start = int(opts.start)
  const stride = int(opts.stride)
  let end: number
  if (opts.count) {
    if (opts.end) throw new JinjaError("can't specify both count and end in with_sequence", 'lookup')
    end = start + (int(opts.count) - 1) * stride
  } else {
    if (!opts.end) throw new JinjaError("must specify count or end in with_sequence", 'lookup')
    end = int(opts.end)
  }
  const out: string[] = []
  if (stride > 0) for (let i = start; i <= end; i += stride) out.push(percentFormat(opts.format, i))
  else if (stride < 0) for (let i = start; i >= end; i += stride) out.push(percentFormat(opts.format, i))
  return out
}

export const listLookups: Record<string, (terms: unknown[], rt: Runtime, kw: Kw) => unknown[]> = {
  items: (terms) => flat1(terms),
  list: (terms) => terms,
  flattened: (terms) => flatAll(terms),
  indexed_items: (terms) => flat1(terms).map((x, i) => [i, x]),
  dict: (terms) =>
    terms.flatMap((t) => {
      if (!isDict(t)) throw new JinjaError("with_dict expects a dict", 'lookup')
      return Object.keys(t).map((k) => ({ key: k, value: t[k] }))
    }),
  sequence: (terms) => terms.flatMap((t) => sequence(str(t))),
  // unlike the filter, the lookup drops the subelement's key from each item
  subelements: (terms, rt, kw) =>
    (subelements(rt, terms[0], terms[1], isDict(terms[2]) ? terms[2].skip_missing ?? false : kw.skip_missing ?? false) as unknown[][]).map(([el, v]) => {
      const copy = { ...(el as Record<string, unknown>) }
      delete copy[str(terms[1]).split('.')[0]]
      return [copy, v]
    }),
  together: (terms) => {
    const lists = (terms.length === 1 && Array.isArray(terms[0]) && terms[0].every(Array.isArray) ? (terms[0] as unknown[][]) : terms.map((t) => iterate(t)))
    const n = Math.max(0, ...lists.map((l) => l.length))
    return Array.from({ length: n }, (_, i) => lists.map((l) => (i < l.length ? l[i] : null)))
  },
  nested: (terms) => {
    const lists = terms.length === 1 && Array.isArray(terms[0]) && terms[0].every(Array.isArray) ? (terms[0] as unknown[][]) : terms.map((t) => iterate(t))
    return product(lists).map((p) => flatAll(p))
  },
  random_choice: (terms) => {
    const l = flat1(terms)
    return l.length ? [l[Math.floor(Math.random() * l.length)]] : []
  },
}

/** Lookups over the variables and the inventory the variables describe (varnames, inventory_hostnames). */
export const varLookups: Record<string, (terms: unknown[], rt: Runtime, kw: Kw) => unknown[]> = {
  varnames: (terms, rt) => {
    const names: string[] = []
    for (const k in rt.vars) names.push(k)
    return terms.flatMap((t) => {
      const re = pyRegex(str(t))
      return names.filter((n) => re.test(n))
    })
  },
  inventory_hostnames: (terms, rt) => {
    const groups = rt.resolve('groups') as Record<string, string[]> | undefined
    const all = isDict(groups) && Array.isArray(groups.all) ? (groups.all as string[]) : []
    const out: string[] = []
    for (const t of terms.flatMap((x) => str(x).split(/[:,]/))) {
      const pat = t.trim()
      const hosts = pat === 'all' || pat === '*' ? all : isDict(groups) && Array.isArray(groups[pat]) ? (groups[pat] as string[]) : all.filter((h) => h === pat)
      for (const h of hosts) if (!out.includes(h)) out.push(h)
    }
    return out
  },
}
