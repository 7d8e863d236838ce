// Python's datetime and timedelta, as far as templates use them: now(), to_datetime, subtraction
// (`(a | to_datetime) - (b | to_datetime)).days`), comparison, strftime and the usual fields.
import { pyfn } from './callable.js'
import { filterError } from './errors.js'
import { MISSING } from './py-methods.js'
import { float } from './pyfloat.js'
import type { PyObject } from './runtime.js'
import { strftime } from './strftime.js'
import { pyDelta } from '../../util/py-time.js'

export class PyDateTime implements PyObject {
  readonly pyType = 'datetime'
  /** `utc`: read the fields in UTC (naive datetimes parsed by to_datetime are kept as UTC wall time). */
  constructor(readonly d: Date, readonly utc: boolean) {}
  pyStr(): string {
    const f = this.d.getMilliseconds() ? '%Y-%m-%d %H:%M:%S.%f' : '%Y-%m-%d %H:%M:%S'
    return strftime(f, this.d, this.utc)
  }
  pyOrder(): number {
    return this.d.getTime()
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
      case 'strftime': return pyfn('strftime', (args) => strftime(String(args[0]), d, u))
      case 'isoformat': return pyfn('isoformat', () => strftime(d.getMilliseconds() ? '%Y-%m-%dT%H:%M:%S.%f' : '%Y-%m-%dT%H:%M:%S', d, u))
      case 'timestamp': return pyfn('timestamp', () => float(d.getTime() / 1000))
      case 'date': return pyfn('date', () => new PyDateTime(new Date(Date.UTC(u ? d.getUTCFullYear() : d.getFullYear(), u ? d.getUTCMonth() : d.getMonth(), u ? d.getUTCDate() : d.getDate())), true))
    }
    return MISSING
  }
}

export class PyTimedelta implements PyObject {
  readonly pyType = 'timedelta'
  constructor(readonly ms: number) {}
  pyOrder(): number {
    return this.ms
  }
  pyStr(): string {
    return pyDelta(this.ms)
  }
  pyGet(name: string): unknown {
    const days = Math.floor(this.ms / 86400000)
    switch (name) {
      case 'days': return days
      case 'seconds': return Math.floor((this.ms - days * 86400000) / 1000)
      case 'microseconds': return Math.round((this.ms % 1000) * 1000)
      case 'total_seconds': return pyfn('total_seconds', () => float(this.ms / 1000))
    }
    return MISSING
  }
}

const FIELDS: Record<string, [string, string]> = {
  Y: ['(\\d{4})', 'Y'], m: ['(\\d{1,2})', 'm'], d: ['(\\d{1,2})', 'd'], H: ['(\\d{1,2})', 'H'], M: ['(\\d{1,2})', 'M'], S: ['(\\d{1,2})', 'S'],
  f: ['(\\d{1,6})', 'f'], y: ['(\\d{2})', 'y'], j: ['(\\d{1,3})', 'j'], z: ['([-+]\\d{2}:?\\d{2}|Z)', 'z'], Z: ['([A-Za-z]{0,5})', 'Z'],
  b: ['([A-Za-z]{3})', 'b'], B: ['([A-Za-z]+)', 'B'], p: ['(AM|PM|am|pm)', 'p'], I: ['(\\d{1,2})', 'I'], a: ['[A-Za-z]{3}', ''], A: ['[A-Za-z]+', ''],
}
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** datetime.strptime(s, fmt): a naive datetime (kept as UTC wall time). */
export function strptime(s: string, fmt: string): PyDateTime {
  const order: string[] = []
  let re = ''
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]
    if (c === '%' && i + 1 < fmt.length) {
      const f = fmt[++i]
      if (f === '%') re += '%'
      else {
        const spec = FIELDS[f]
        if (!spec) throw filterError(`'${f}' is a bad directive in format '${fmt}'`)
        re += spec[0]
        if (spec[1]) order.push(spec[1])
      }
    } else re += /\s/.test(c) ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  const m = new RegExp(`^${re}$`).exec(s)
  if (!m) throw filterError(`time data '${s}' does not match format '${fmt}'`)
  const v: Record<string, string> = {}
  order.forEach((k, i) => (v[k] = m[i + 1]))
  const year = v.Y ? Number(v.Y) : v.y ? 2000 + Number(v.y) - (Number(v.y) >= 69 ? 100 : 0) : 1900
  const month = v.m ? Number(v.m) - 1 : v.b || v.B ? MONTHS.indexOf((v.b ?? v.B).slice(0, 3).toLowerCase()) : 0
  const hour = v.H ? Number(v.H) : v.I ? (Number(v.I) % 12) + (/pm/i.test(v.p ?? '') ? 12 : 0) : 0
  const ms = v.f ? Math.floor(Number(v.f.padEnd(6, '0')) / 1000) : 0
  let t = Date.UTC(year, month, v.d ? Number(v.d) : 1, hour, v.M ? Number(v.M) : 0, v.S ? Number(v.S) : 0, ms)
  if (v.j) t = Date.UTC(year, 0, Number(v.j), hour, v.M ? Number(v.M) : 0, v.S ? Number(v.S) : 0, ms)
  return new PyDateTime(new Date(t), true)
}
