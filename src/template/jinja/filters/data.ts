// Data format filters: to_json to_nice_json from_json tojson to_yaml to_nice_yaml from_yaml from_yaml_all
// json_query.
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { str } from '../py.js'
import { num } from '../pyfloat.js'
import { Undefined } from '../undefined.js'
import { jsonDumps } from './json.js'
import { yamlDump } from './yaml-dump.js'
import { loadYaml, loadYamlAll } from '../../../util/yaml.js'
import { jsonQuery } from './json-query.js'

function checkDefinedDeep(v: unknown, filter: string): void {
  if (v instanceof Undefined) throw filterError(`${filter} - ${v.message()}`)
  if (Array.isArray(v)) for (const x of v) checkDefinedDeep(x, filter)
  else if (v && typeof v === 'object' && !(v instanceof String)) for (const x of Object.values(v)) checkDefinedDeep(x, filter)
}

function seps(kw: Record<string, unknown>): { itemSep?: string; keySep?: string } {
  const s = kw.separators
  return Array.isArray(s) ? { itemSep: str(s[0]), keySep: str(s[1]) } : {}
}

defineFilters({
  to_json: ['**kw', (_rt, v, kw) => {
    checkDefinedDeep(v, 'to_json')
    return jsonDumps(v, { indent: (kw.indent as number) ?? null, sortKeys: Boolean(kw.sort_keys), ensureAscii: kw.ensure_ascii === undefined ? true : Boolean(kw.ensure_ascii), ...seps(kw) })
  }],
  to_nice_json: ['indent,sort_keys,**kw', (_rt, v, indent = 4, sortKeys = true, kw) => {
    checkDefinedDeep(v, 'to_nice_json')
    return jsonDumps(v, { indent: num(indent) ?? 4, sortKeys: Boolean(sortKeys), ensureAscii: kw.ensure_ascii === undefined ? true : Boolean(kw.ensure_ascii), itemSep: ',', keySep: ': ' })
  }],
  tojson: ['indent', (_rt, v, indent = null) =>
    jsonDumps(v, { indent: indent as number | null, sortKeys: true }).replace(/[<>&']/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))],
  from_json: ['**kw', (_rt, v) => {
    try {
      return JSON.parse(str(v).replace(/\bNaN\b|-?\bInfinity\b/g, 'null'))
    } catch (e) {
      throw filterError(`Expecting value: ${(e as Error).message}`)
    }
  }],
  to_yaml: ['**kw', (_rt, v, kw) => {
    checkDefinedDeep(v, 'to_yaml')
    return yamlDump(v, { indent: Number(num(kw.indent) ?? 2), flow: kw.default_flow_style === undefined ? null : (kw.default_flow_style as boolean | null), sortKeys: kw.sort_keys === undefined ? true : Boolean(kw.sort_keys), width: Number(num(kw.width) ?? 80) })
  }],
  to_nice_yaml: ['indent,**kw', (_rt, v, indent = 4, kw) => {
    checkDefinedDeep(v, 'to_nice_yaml')
    return yamlDump(v, { indent: Number(num(indent)), flow: false, sortKeys: kw.sort_keys === undefined ? true : Boolean(kw.sort_keys), width: Number(num(kw.width) ?? 80) })
  }],
  from_yaml: ['', (_rt, v) => {
    if (typeof v !== 'string') return v
    try {
      return loadYaml(v, '<from_yaml>')
    } catch (e) {
      throw filterError(`from_yaml: ${(e as Error).message}`)
    }
  }],
  from_yaml_all: ['', (_rt, v) => {
    if (typeof v !== 'string') return v
    try {
      return loadYamlAll(v, '<from_yaml_all>')
    } catch (e) {
      throw filterError(`from_yaml_all: ${(e as Error).message}`)
    }
  }],
  json_query: ['expr', (_rt, v, expr) => jsonQuery(v, str(expr))],
})
