// Date filters: strftime (time.strftime) and to_datetime.
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { str } from '../py.js'
import { num } from '../pyfloat.js'
import { strptime } from '../datetime.js'
import { strftime } from '../strftime.js'


defineFilters({
  strftime: ['second,utc', (_rt, fmt, second = null, utc = false) => {
    const d = second === null ? new Date() : new Date(Number(num(second) ?? Number(second)) * 1000)
    if (Number.isNaN(d.getTime())) throw filterError(`Invalid value for epoch value (${str(second)})`)
    return strftime(str(fmt), d, Boolean(utc))
  }],
  to_datetime: ['format', (_rt, v, fmt = '%Y-%m-%d %H:%M:%S') => strptime(str(v), str(fmt))],
})
