// The evaluation context: lazy variables (Ansible's AnsibleJ2Vars), attribute and item access with
// Jinja's rules, and the finalize/concat steps of Ansible's environment.
import { isScope, isUnsafe } from '../markers.js'
import { suggestion } from '../../util/did-you-mean.js'
import { NEEDS_RT, type RtGlobal } from './callable.js'
import { JinjaError, typeError } from './errors.js'
import { MISSING, pyMethod } from './py-methods.js'
import { isDict, plain, str, tupleFields } from './py.js'
import { num } from './pyfloat.js'
import { Undefined } from './undefined.js'

export type Vars = Record<string, unknown>
export type Locals = Record<string, unknown>

/** What the runtime needs from the Templar layer (kept apart to avoid an import cycle). */
export interface Engine {
  /** Templar.template(value) with convert_data=True, deep, for a variable's value. */
  templateValue(value: unknown, rt: Runtime, failOnUndefined: boolean): unknown
  globals: Record<string, unknown>
}

export interface Frame {
  l: Locals
  rt: Runtime
  /** env.concat as this render uses it: Ansible's literal_eval rule or a plain join. */
  concat: (out: unknown[]) => unknown
  /** Name of the template being rendered (for include/import relative lookups and errors). */
  name?: string
  blocks?: Record<string, unknown>
}

/** Objects other than str/list/dict that templates read attributes of (loop, namespace, cycler...). */
export interface PyObject {
  pyGet(name: string): unknown
}
export const isPyObject = (v: unknown): v is PyObject => (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as PyObject).pyGet === 'function'

const STATIC = new Set(['hostvars', 'vars'])

export class Runtime {
  readonly cache = new Map<string, unknown>()
  readonly scopes: WeakMap<object, Runtime>
  readonly resolving: string[]
  constructor(
    readonly vars: Vars,
    readonly engine: Engine,
    readonly options: Record<string, any> = {},
    parent?: Runtime,
  ) {
    this.scopes = parent ? parent.scopes : new WeakMap()
    this.resolving = parent ? parent.resolving : []
  }

  private isolatedRt?: Runtime
  /** The runtime of a template rendered without context: globals only, no variables. */
  isolated(): Runtime {
    return (this.isolatedRt ??= new Runtime({}, this.engine, this.options, this))
  }

  has(name: string): boolean {
    return name in this.vars || name in this.engine.globals
  }

  /** A top-level variable, templated (deeply) with these vars when read. */
  resolve(name: string): unknown {
    const c = this.cache.get(name)
    if (c !== undefined || this.cache.has(name)) return c
    const vars = this.vars
    if (!(name in vars)) {
      // Ansible always has `vars`: every variable, handed over untemplated
      if (name === 'vars') return vars
      const g = this.engine.globals[name] as RtGlobal | undefined
      if (g !== undefined) return typeof g === 'object' && NEEDS_RT in g ? g[NEEDS_RT](this) : g
      return new UndefinedVar(name, this)
    }
    const raw = vars[name]
    let v: unknown
    if (isUnsafe(raw)) this.noteUnsafe()
    if (isUnsafe(raw) || STATIC.has(name) || isScope(raw)) v = plain(raw)
    else if (typeof raw === 'string' ? !raw.includes('{') : typeof raw !== 'object' || raw === null) v = raw === undefined ? null : raw
    else {
      if (this.resolving.includes(name)) {
        throw new JinjaError(`recursive loop detected in template string: ${str(raw)} (${[...this.resolving, name].join(' -> ')})`, 'recursion', undefined, name)
      }
      this.resolving.push(name)
      try {
        v = this.engine.templateValue(raw, this, true)
      } catch (e) {
        if (e instanceof JinjaError && e.kind === 'undefined') v = new Undefined(name, undefined, false, e.variable, `${typeof raw === 'string' ? raw : str(raw)}: ${e.message}`)
        else throw e
      } finally {
        this.resolving.pop()
      }
    }
    this.cache.set(name, v)
    return v
  }

  private noteUnsafe(): void {
    if (this.options.unsafe) this.options.unsafe.seen = true
  }

  /** The value of `key` in a hostvars entry: templated with that host's variables. */
  scopeGet(scope: Record<string, unknown>, key: string): unknown {
    let rt = this.scopes.get(scope)
    if (!rt) {
      rt = new Runtime(scope, this.engine, this.options, this)
      this.scopes.set(scope, rt)
    }
    if (!(key in scope)) return MISSING
    const c = rt.cache.get(key)
    if (c !== undefined || rt.cache.has(key)) return c
    const raw = scope[key]
    let v: unknown
    if (isUnsafe(raw)) this.noteUnsafe()
    if (isUnsafe(raw) || isScope(raw)) v = plain(raw)
    else if (typeof raw === 'string' ? !raw.includes('{') : typeof raw !== 'object' || raw === null) v = raw ?? null
    else v = this.engine.templateValue(raw, rt, false)
    rt.cache.set(key, v)
    return v
  }
}

/** A missing top-level variable; suggests the nearest existing name when it fails. */
export class UndefinedVar extends Undefined {
  constructor(name: string, readonly rt: Runtime) {
    super(name, undefined, false, name)
  }
  override suggest(): string | undefined {
    const name = String(this.name)
    if (name.length < 3) return undefined
    // a bounded look for a near name: no copy of vars, no full walk of a Proxy
    const keys: string[] = []
    for (const k in this.rt.vars) {
      keys.push(k)
      if (keys.length > 20000) break
    }
    const limit = Math.max(1, Math.floor(name.length / 3))
    return suggestion(name, keys.filter((k) => Math.abs(k.length - name.length) <= limit && bagDistance(name.toLowerCase(), k.toLowerCase()) <= limit))
  }
}

/** `key` is an item of a plain dict or of a Proxy standing for one (hostvars): never Object.prototype's. */
function hasKey(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) || (key in obj && !(key in Object.prototype))
}

/** Jinja's getattr: Python attributes (methods) first, then items. */
export function getattr(rt: Runtime, obj: unknown, name: string, path?: string): unknown {
  if (obj instanceof Undefined) return obj
  if (obj === null || obj === undefined) return new Undefined(name, null, true, path)
  if (isPyObject(obj)) {
    const v = obj.pyGet(name)
    return v === MISSING ? new Undefined(name, obj, true, path) : v
  }
  if (typeof obj === 'object') {
    if (isScope(obj)) {
      const v = rt.scopeGet(obj, name)
      if (v !== MISSING) return v
      return new Undefined(name, obj, true, path)
    }
    if (Array.isArray(obj)) {
      const fields = tupleFields(obj)
      if (fields?.includes(name)) return obj[fields.indexOf(name)]
      const m = pyMethod(obj, name)
      return m === MISSING ? new Undefined(name, obj, true, path) : m
    }
    if (isPyObject(obj)) {
      const v = obj.pyGet(name)
      return v === MISSING ? new Undefined(name, obj, true, path) : v
    }
    if (isDict(obj)) {
      const m = pyMethod(obj, name)
      if (m !== MISSING) return m
      if (hasKey(obj, name)) {
        const v = (obj as Record<string, unknown>)[name]
        return v instanceof String ? v.valueOf() : v === undefined ? null : v
      }
      return new Undefined(name, obj, true, path)
    }
    if (obj instanceof String) return getattr(rt, obj.valueOf(), name, path)
  }
  if (typeof obj === 'string') {
    const m = pyMethod(obj, name)
    return m === MISSING ? new Undefined(name, obj, true, path) : m
  }
  if (typeof obj === 'function' && name in obj) return (obj as unknown as Record<string, unknown>)[name]
  return new Undefined(name, obj, true, path)
}

/** Jinja's getitem: items first, then (for a string key) attributes. */
export function getitem(rt: Runtime, obj: unknown, key: unknown, path?: string): unknown {
  if (obj instanceof Undefined) return obj
  key = plain(key)
  if (key instanceof Undefined) return key.fail()
  if (obj instanceof String) obj = obj.valueOf()
  if (Array.isArray(obj) || typeof obj === 'string') {
    if (key instanceof Slice) return key.apply(obj)
    const n = typeof key === 'boolean' ? Number(key) : key
    if (typeof n === 'number' && Number.isInteger(n)) {
      const i = n < 0 ? obj.length + n : n
      if (i >= 0 && i < obj.length) {
        const v = obj[i]
        return v instanceof String ? v.valueOf() : v === undefined ? null : v
      }
      return new Undefined(n, obj, true, path)
    }
    if (typeof key === 'string') return getattr(rt, obj, key, path)
    return new Undefined(key as string, obj, true, path)
  }
  if (typeof obj === 'object' && obj !== null) {
    if (isScope(obj)) {
      const v = rt.scopeGet(obj, str(key))
      if (v !== MISSING) return v
      return new Undefined(key as string, obj, true, path)
    }
    if (isPyObject(obj)) {
      const v = typeof key === 'string' ? obj.pyGet(key) : MISSING
      return v === MISSING ? new Undefined(key as string, obj, true, path) : v
    }
    if (isDict(obj)) {
      const k = typeof key === 'string' ? key : key === null || typeof key === 'number' || typeof key === 'boolean' ? str(key) : undefined
      if (k !== undefined && hasKey(obj, k)) {
        const v = (obj as Record<string, unknown>)[k]
        return v instanceof String ? v.valueOf() : v === undefined ? null : v
      }
      if (typeof key === 'string') return getattr(rt, obj, key, path)
      if (Array.isArray(key) || isDict(key)) throw typeError(`unhashable type: '${Array.isArray(key) ? 'list' : 'dict'}'`)
      return new Undefined(key as string, obj, true, path)
    }
  }
  if (obj === null) return new Undefined(key as string, null, true, path)
  return new Undefined(key as string, obj, true, path)
}

/** A slice object `[a:b:c]`. */
export class Slice {
  constructor(
    readonly start: unknown,
    readonly stop: unknown,
    readonly step: unknown,
  ) {}
  apply<T extends string | unknown[]>(seq: T): T {
    const n = seq.length
    const step = this.step === null || this.step === undefined ? 1 : Number(num(this.step))
    if (step === 0) throw typeError('slice step cannot be zero')
    const norm = (v: unknown, dflt: number, lo: number, hi: number) => {
      if (v === null || v === undefined) return dflt
      let i = Number(num(v))
      if (i < 0) i += n
      return Math.min(Math.max(i, lo), hi)
    }
    const out: unknown[] = []
    const chars = typeof seq === 'string' ? Array.from(seq) : (seq as unknown[])
    const len = chars.length
    if (step > 0) {
      const a = norm(this.start, 0, 0, len)
      const b = norm(this.stop, len, 0, len)
      for (let i = a; i < b; i += step) out.push(chars[i])
    } else {
      const a = norm(this.start, len - 1, -1, len - 1)
      const b = norm(this.stop, -1, -1, len - 1)
      for (let i = a; i > b; i += step) out.push(chars[i])
    }
    return (typeof seq === 'string' ? out.join('') : out) as T
  }
}

/** Ansible's finalize: an undefined value anywhere in the result raises; None prints as ''. */
export function finalize(v: unknown): unknown {
  if (v === null || v === undefined) return ''
  if (typeof v !== 'object') return v
  if (v instanceof Undefined && !v.strict) return ''
  checkDefined(v)
  return v instanceof String ? v.valueOf() : v
}

function checkDefined(v: unknown): void {
  if (v instanceof Undefined && v.strict) v.fail()
  if (Array.isArray(v)) for (const x of v) checkDefined(x)
  else if (isDict(v)) for (const k of Object.keys(v)) checkDefined(v[k])
}

const bag = new Int32Array(65536)
/** A cheap lower bound of the edit distance (characters one side has and the other lacks). */
function bagDistance(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) bag[a.charCodeAt(i)]++
  for (let i = 0; i < b.length; i++) bag[b.charCodeAt(i)]--
  let plus = 0
  let minus = 0
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i)
    if (bag[c] > 0) plus += bag[c]
    else if (bag[c] < 0) minus -= bag[c]
    bag[c] = 0
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i)
    if (bag[c] < 0) minus -= bag[c]
    bag[c] = 0
  }
  return Math.max(plus, minus)
}
