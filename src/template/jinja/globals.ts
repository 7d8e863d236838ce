// Template globals: Jinja's (range, dict, lipsum, cycler, joiner, namespace) and Ansible's (lookup, query,
// q, now, undef).
import { type Kw, pyfn } from './callable.js'
import { typeError } from './errors.js'
import { cycler, joiner, namespace } from './loop.js'
import { isDict, iterate, str } from './py.js'
import { float, num } from './pyfloat.js'
import { MISSING } from './py-methods.js'
import type { PyObject } from './runtime.js'
import { Undefined } from './undefined.js'
import { lookupGlobal } from './lookups/index.js'
import { strftime } from './filters/dates.js'

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

/** A Python datetime, as now() returns: str() form, strftime(), the usual fields. */
class PyDateTime implements PyObject {
  readonly pyType = 'datetime.datetime'
  constructor(readonly d: Date, readonly utc: boolean) {}
  pyStr(): string {
    return strftime('%Y-%m-%d %H:%M:%S.%f', this.d, this.utc)
  }
  pyGet(name: string): unknown {
    const d = this.d
    const u = this.utc
    switch (name) {
      case 'year': return u ? d.getUTCFullYear() : d.getFullYear()
      case 'month': return (u ? d.getUTCMonth() : d.getMonth()) + 1
      case 'day': return u ? d.getUTCDate() : d.getDate()
      case 'hour': return u ? d.getUTCHours() : d.getHours()
      case 'minute': return u ? d.getUTCMinutes() : d.getMinutes()
      case 'second': return u ? d.getUTCSeconds() : d.getSeconds()
      case 'microsecond': return d.getMilliseconds() * 1000
      case 'strftime': return pyfn('strftime', (args) => strftime(str(args[0]), d, u))
      case 'isoformat': return pyfn('isoformat', () => strftime('%Y-%m-%dT%H:%M:%S.%f', d, u))
      case 'timestamp': return pyfn('timestamp', () => float(d.getTime() / 1000))
    }
    return MISSING
  }
}

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
