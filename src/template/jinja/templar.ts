// Ansible's Templar over the engine: deep templating of values (what AnsibleJ2Vars does for every
// variable read), the loader for include/import, and the Engine the runtime calls back into.
import { isScope, isUnsafe } from '../markers.js'
import { type CompiledTemplate, type Loader } from './compile-stmt.js'
import { globals } from './globals.js'
import { isDict, plain } from './py.js'
import { type Engine, type Frame, Runtime, type Vars } from './runtime.js'
import { DEFAULTS, compileTemplate, isPossiblyTemplate, templateString } from './template.js'
import { findTemplateFile } from './lookups/paths.js'
import { readFileSync } from 'node:fs'

/** Templar.template(value) deep: strings templated (convert_data), containers rebuilt. */
export function templateDeep(value: unknown, rt: Runtime, failOnUndefined: boolean, keys = false): unknown {
  if (typeof value === 'string') return isPossiblyTemplate(value) ? templateString(value, rt, { convert: true, failOnUndefined }) : value
  if (typeof value !== 'object' || value === null) return value
  if (isUnsafe(value) || isScope(value)) return plain(value)
  // a fresh container each read, as Templar.template builds one: methods like append() must not
  // change the variable itself
  if (Array.isArray(value)) {
    const out = new Array(value.length)
    for (let i = 0; i < value.length; i++) {
      const v = value[i]
      out[i] = typeof v === 'string' ? (isPossiblyTemplate(v) ? templateString(v, rt, { convert: true, failOnUndefined }) : v) : templateDeep(v, rt, failOnUndefined, keys)
    }
    return out
  }
  if (isDict(value)) {
    const out: Record<string, unknown> = {}
    for (const k in value) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue
      const key = keys && isPossiblyTemplate(k) ? templateString(k, rt, { convert: false, failOnUndefined }) : k
      out[typeof key === 'string' ? key : String(key)] = templateDeep(value[k], rt, failOnUndefined, keys)
    }
    return out
  }
  return value
}

const loader: Loader = {
  load(name: string, f: Frame): CompiledTemplate | undefined {
    const path = findTemplateFile(name, f.rt.options.lookups, f.name)
    if (!path) return undefined
    const text = readFileSync(path, 'utf8')
    return compileTemplate(text, { ...DEFAULTS, escapeBackslashes: false })
  },
}

export const engine: Engine & { loader: Loader } = {
  templateValue: (value, rt, failOnUndefined) => templateDeep(value, rt, failOnUndefined),
  globals,
  loader,
}

export function newRuntime(vars: Vars, options: Record<string, unknown> = {}): Runtime {
  return new Runtime(vars, engine, options)
}
