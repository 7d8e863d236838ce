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

// Containers found to hold no template string: read again, they are only copied, not scanned. This
// assumes the executor replaces variables rather than mutating their containers in place (set_fact
// and registered results give new objects; template code only ever mutates its own copies).
const templateFree = new WeakSet<object>()

/** A fresh copy of a container with no template in it (the copy Templar.template would build). */
function copyContainers(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || isUnsafe(value) || isScope(value)) return plain(value)
  if (Array.isArray(value)) {
    const out = value.slice()
    for (let i = 0; i < out.length; i++) if (typeof out[i] === 'object' && out[i] !== null) out[i] = copyContainers(out[i])
    return out
  }
  if (isDict(value)) {
    const out: Record<string, unknown> = {}
    for (const k in value) if (Object.prototype.hasOwnProperty.call(value, k)) out[k] = copyContainers(value[k])
    return out
  }
  return value
}

/** Templar.template(value) deep: strings templated (convert_data), containers rebuilt. */
export function templateDeep(value: unknown, rt: Runtime, failOnUndefined: boolean, keys = false): unknown {
  if (typeof value === 'string') return isPossiblyTemplate(value) ? templateString(value, rt, { convert: true, failOnUndefined }) : value
  if (typeof value !== 'object' || value === null) return value
  if (isUnsafe(value) || isScope(value)) return plain(value)
  if (!keys && templateFree.has(value)) return copyContainers(value)
  // a fresh container each read, as Templar.template builds one: methods like append() must not
  // change the variable itself
  let changed = false
  const one = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!isPossiblyTemplate(v)) return v
      changed = true
      return templateString(v, rt, { convert: true, failOnUndefined })
    }
    if (typeof v !== 'object' || v === null) return v
    const r = templateDeep(v, rt, failOnUndefined, keys)
    if (!templateFree.has(v)) changed = true
    return r
  }
  let out: unknown
  if (Array.isArray(value)) {
    const arr = new Array(value.length)
    for (let i = 0; i < value.length; i++) arr[i] = one(value[i])
    out = arr
  } else if (isDict(value)) {
    const d: Record<string, unknown> = {}
    for (const k in value) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue
      let key = k
      if (keys && isPossiblyTemplate(k)) {
        changed = true
        key = String(templateString(k, rt, { convert: false, failOnUndefined }))
      }
      d[key] = one(value[k])
    }
    out = d
  } else return value
  if (!changed && !keys) templateFree.add(value)
  return out
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
