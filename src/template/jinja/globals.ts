// Template globals: Jinja's (range, dict, lipsum, cycler, joiner, namespace) and Ansible's (lookup, query,
// q, now, undef).
import { type Kw, pyfn } from './callable.js'
import { typeError } from './errors.js'
import { cycler, joiner, namespace } from './loop.js'
import { isDict, iterate, str } from './py.js'
import { num } from './pyfloat.js'
import { PyDateTime } from './datetime.js'
import { Undefined } from './undefined.js'
import { lookupGlobal } from './lookups/index.js'
import { strftime } from './strftime.js'

const MAX_RANGE = 100000

export const range = pyfn('range', (args) => {
  const n = args.map((a) => {
    const v = num(a)
    if (v === undefined || !Number.isInteger(v)) throw typeError(`'${str(a)}' object cannot be interpreted as an integer`)
    return v
  })
  const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1]
  if (step === 0) throw typeError('range() arg 3 must not be zero')
  const out: number[] = []
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i)
    if (out.length > MAX_RANGE) throw typeError('Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).')
  }
  return out
})

const dict = pyfn('dict', (args: unknown[], kw: Kw) => {
  const d: Record<string, unknown> = {}
  if (args.length) {
    const a = args[0]
    if (isDict(a)) Object.assign(d, a)
    else for (const pair of iterate(a)) {
      const p = iterate(pair)
      d[typeof p[0] === 'string' ? p[0] : str(p[0])] = p[1]
    }
  }
  return Object.assign(d, kw)
})

const LOREM = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ')
const lipsum = pyfn('lipsum', (args) => {
  const n = Number(args[0] ?? 5)
  return Array.from({ length: n }, () => LOREM.join(' ') + '.').join('\n\n')
})

const now = pyfn('now', (args, kw) => {
  const utc = Boolean(args[0] ?? kw.utc)
  const fmt = args[1] ?? kw.fmt
  const d = new Date()
  if (fmt) return strftime(String(fmt), d, utc)
  return new PyDateTime(d, utc)
})

const undef = pyfn('undef', (args, kw) => {
  const hint = args[0] ?? kw.hint
  const h = hint === undefined || hint === null || hint === '' || hint instanceof Undefined ? 'Mandatory variable has not been overridden' : str(hint)
  return new Undefined(undefined, undefined, false, undefined, h)
})

export const globals: Record<string, unknown> = {
  range,
  dict,
  lipsum,
  cycler,
  joiner,
  namespace,
  now,
  undef,
  lookup: lookupGlobal('lookup'),
  query: lookupGlobal('query'),
  q: lookupGlobal('query'),
}
