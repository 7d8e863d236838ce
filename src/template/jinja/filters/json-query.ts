// json_query (community.general): JMESPath over the value. The `jmespath` package is the reference JS
// implementation of the same specification Python's jmespath (used by Ansible) implements.
import { createRequire } from 'node:module'
import type jmespathModule from 'jmespath'
import { filterError } from '../errors.js'
import { isDict } from '../py.js'
import { PyFloat } from '../pyfloat.js'
import { Undefined } from '../undefined.js'

// loaded on the first json_query, not on every run
const require = createRequire(import.meta.url)
let jmespath: typeof jmespathModule | undefined

function toPlain(v: unknown): unknown {
  if (v instanceof Undefined) return v.fail()
  if (v instanceof String) return v.valueOf()
  if (v instanceof PyFloat) return v.value
  if (Array.isArray(v)) return v.map(toPlain)
  if (isDict(v)) {
    const o: Record<string, unknown> = {}
    for (const k of Object.keys(v)) o[k] = toPlain(v[k])
    return o
  }
  return v
}

export function jsonQuery(data: unknown, expr: string): unknown {
  try {
    jmespath ??= require('jmespath') as typeof jmespathModule
    const r = jmespath.search(toPlain(data), expr)
    return r === undefined ? null : r
  } catch (e) {
    if (e instanceof Error && (e as { name?: string }).name?.includes('Undefined')) throw e
    throw filterError(`JMESPathError in json_query filter plugin:\n${(e as Error).message}`)
  }
}
