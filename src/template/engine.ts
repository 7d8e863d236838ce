// The template language: Handlebars (noEscape) with Ansible-style helpers.
//
//   render(template, vars, ctx)      → string (always)
//   evaluate(template, vars, ctx)    → native value when the template is exactly one `{{ … }}`
//                                      ("{{ groups.[etcd] }}" is a list, "{{ int port }}" a number),
//                                      else the rendered string; strings without `{{` come back as they are
//   renderValue(value, vars, ctx)    → evaluate() through dicts and lists (keys too)
//
// Variables: `{{ a.b.c }}`, `{{ list.0 }}` (= `list.[0]`), `{{ hostvars.[node-1].ip }}`, `{{ groups.[kube-master] }}`; helpers as
// prefix calls and subexpressions: `{{ join (sort names) "," }}`. An undefined variable is a
// TemplateError naming it (with a did-you-mean) and ctx.where; only the first argument of
// `default`, `defined` and `undefined` may be undefined. A variable whose value is itself a template
// is expanded when used (Ansible's lazy vars), unless it lies inside an object marked with markUnsafe();
// under an object marked with markScope() (a hostvars entry) it expands with that host's variables.
import Handlebars from 'handlebars'
import { TemplateError, type SourcePosition } from '../errors.js'
import { didYouMean } from '../util/did-you-mean.js'
import { Missing, helpers, describe, passesMissing } from './helpers.js'
import { CAPTURE, LENIENT, LOOKUP, UnsupportedTemplate, lookupPluginMessage, lookups, toCapture, transform, type LookupMeta } from './transform.js'
import { bracketIndexes, jinjaHint, parseError } from './syntax.js'
import { UnsafeText, isScope, isUnsafe } from './markers.js'

export interface RenderContext {
  /** Where the template is written (the task's key); undefined-variable errors point here. */
  where?: SourcePosition
  /** The task's name, quoted in error messages. */
  task?: string
  /** The template is a whole file (template module): positions use the template's own line numbers. */
  isFile?: boolean
}

interface RenderState {
  ctx: RenderContext
  expanding: string[]
}


type Vars = Record<string, unknown>
interface Compiled {
  run: (vars: Vars, data: object) => string
  native: boolean
}

const env = Handlebars.create()
const NOT_CAPTURED = Symbol('not captured')

for (const [name, fn] of Object.entries(helpers)) {
  env.registerHelper(name, (...args: unknown[]) => {
    args.pop() // Handlebars' options
    // A missing variable reaches only lenient arguments; and/or/ternary decide (short-circuit), others see undefined.
    if (!passesMissing.has(name)) for (let i = 0; i < args.length; i++) if (args[i] instanceof Missing) args[i] = undefined
    try {
      return fn(...args)
    } catch (error) {
      throw error instanceof TemplateError ? error : new TemplateError(`helper '${name}': ${(error as Error).message}`)
    }
  })
}

// Handlebars' own `lookup` answers '' for `lookup 'env' 'HOME'`: a string in the first place is a lookup plugin name.
env.registerHelper('lookup', (container: unknown, key: unknown) => {
  if (typeof container === 'string') throw new TemplateError(lookupPluginMessage(container))
  if (container === null || container === undefined) return undefined
  const k = String(key)
  return Object.hasOwn(container as object, k) ? (container as Record<string, unknown>)[k] : undefined
})

env.registerHelper('helperMissing', (...args: unknown[]) => {
  const options = args.at(-1) as { name: string }
  throw new TemplateError(`unknown helper '${options.name}'`, undefined, hintFor(options.name))
})

env.registerHelper(CAPTURE, (value: unknown, options: { data: { box: { value: unknown } } }) => {
  options.data.box.value = value
  return ''
})

function lookupHelper(lenient: boolean) {
  return function (this: unknown, value: unknown, id: number, options: { data: { root: Vars; tsplay: RenderState } }) {
    const meta = lookups[id]
    const state = options.data.tsplay
    if (value === undefined) {
      const error = undefinedVariable(meta, meta.root ? options.data.root : this, state.ctx)
      if (lenient) return new Missing(error)
      throw error
    }
    return expand(value, meta, meta.root ? options.data.root : this, options.data.root, state)
  }
}
env.registerHelper(LOOKUP, lookupHelper(false))
env.registerHelper(LENIENT, lookupHelper(true))

function hintFor(name: string): string | undefined {
  const near = didYouMean(name, Object.keys(helpers))
  return near ? `did you mean '${near}'?` : undefined
}

// UnsafeText counts: it is never rendered, but becomes a plain string on the way out.
function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{')
  if (value instanceof UnsafeText) return true
  if (Array.isArray(value)) return value.some(containsTemplate)
  if (typeof value === 'object' && value !== null && !isUnsafe(value)) return Object.values(value).some(containsTemplate)
  return false
}

// Where a looked-up value comes from: inside a markUnsafe object (never expand), or inside a markScope
// object (expand with that object's variables: hostvars.[node2].url renders with node2's vars).
function origin(context: unknown, meta: LookupMeta, root: Vars): { unsafe: boolean; scope: Vars } {
  let scope = root
  if (meta.depth !== 0) return { unsafe: false, scope }
  let node = context
  for (let i = 0; ; i++) {
    if (typeof node !== 'object' || node === null) return { unsafe: false, scope }
    if (isUnsafe(node)) return { unsafe: true, scope }
    if (isScope(node)) scope = node as Vars
    if (i === meta.parts.length) return { unsafe: false, scope }
    node = (node as Vars)[meta.parts[i]]
  }
}

function expand(value: unknown, meta: LookupMeta, context: unknown, root: Vars, state: RenderState): unknown {
  if (value instanceof UnsafeText) return String(value)
  if (!containsTemplate(value)) return value
  const from = origin(context, meta, root)
  if (from.unsafe) return value
  if (state.expanding.includes(meta.name)) {
    const chain = [...state.expanding.slice(state.expanding.indexOf(meta.name)), meta.name].join(' → ')
    throw new TemplateError(`variable '${meta.name}' refers to itself (${chain})`, state.ctx.where, undefined, meta.name)
  }
  state.expanding.push(meta.name)
  try {
    return renderWith(value, from.scope, state)
  } finally {
    state.expanding.pop()
  }
}

function undefinedVariable(meta: LookupMeta, context: unknown, ctx0: RenderContext): TemplateError {
  const ctx = ctx0.isFile && ctx0.where && meta.line ? { ...ctx0, where: { file: ctx0.where.file, line: meta.line } } : ctx0
  const task = ctx.task ? ` in task '${ctx.task}'` : ''
  let node = context
  for (let i = 0; meta.depth === 0 && i < meta.parts.length; i++) {
    const part = meta.parts[i]
    if (typeof node !== 'object' || node === null) {
      const parent = meta.parts.slice(0, i).join('.')
      return new TemplateError(`undefined variable '${meta.name}'${task}: '${parent}' is ${describe(node)}, not a dict`, ctx.where, undefined, meta.name)
    }
    if (!(part in node)) {
      const near = didYouMean(part, Object.keys(node))
      const hint = near ? `did you mean '${[...meta.parts.slice(0, i), near].join('.')}'?` : undefined
      const detail = i === 0 ? '' : `: '${meta.parts.slice(0, i).join('.')}' has no key '${part}'`
      return new TemplateError(`undefined variable '${meta.name}'${task}${detail}`, ctx.where, hint, meta.name)
    }
    node = (node as Vars)[part]
  }
  return new TemplateError(`undefined variable '${meta.name}'${task}`, ctx.where, undefined, meta.name)
}

const cache = new Map<string, Compiled>()
const CACHE_LIMIT = 20_000

function compile(template: string, ctx: RenderContext): Compiled {
  let compiled = cache.get(template)
  if (compiled) return compiled
  if (/\{%.*%\}/s.test(template)) throw new TemplateError('Jinja {% %} tags are not supported', ctx.where, jinjaHint(template))
  let program: hbs.AST.Program
  try {
    program = env.parse(bracketIndexes(template))
  } catch (error) {
    throw parseError(template, error as Error, ctx.where)
  }
  let native: boolean
  try {
    native = toCapture(program)
    transform(program)
  } catch (error) {
    if (error instanceof UnsupportedTemplate) throw new TemplateError(error.message, ctx.where)
    throw error
  }
  const fn = env.compile(program, { noEscape: true })
  compiled = { run: (vars, data) => fn(vars, { data }), native }
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(template, compiled)
  return compiled
}

/** Parses (and caches) a template without rendering it; throws TemplateError on bad syntax. */
export function checkSyntax(template: string, ctx: RenderContext = {}): void {
  if (template.includes('{{')) compile(template, ctx)
}

function run(template: string, vars: Vars, state: RenderState): unknown {
  const compiled = compile(template, state.ctx)
  const box: { value: unknown } = { value: NOT_CAPTURED }
  let text: string
  try {
    text = compiled.run(vars, { tsplay: state, box })
  } catch (error) {
    throw locate(error, state.ctx)
  }
  if (!compiled.native || box.value === NOT_CAPTURED) return text
  // A string keeps the whitespace around its one expression ("{{ motd }}\n" ends with a newline);
  // other values (lists, numbers) are native and the whitespace is dropped.
  if (typeof box.value !== 'string') return box.value
  return /^\s*/.exec(template)![0] + box.value + /\s*$/.exec(template)![0]
}

// Errors thrown inside helpers don't know where the template is written: add it.
function locate(error: unknown, ctx: RenderContext): unknown {
  if (!(error instanceof TemplateError)) {
    if (error instanceof Error) return new TemplateError(error.message, ctx.where)
    return error
  }
  if (error.position || !ctx.where) return error
  const task = ctx.task && !error.message.includes(' in task ') ? ` in task '${ctx.task}'` : ''
  return new TemplateError(error.message + task, ctx.where, error.hint, error.variable)
}

function renderWith(value: unknown, vars: Vars, state: RenderState): unknown {
  if (typeof value === 'string') return value.includes('{{') ? run(value, vars, state) : value
  if (value instanceof UnsafeText) return String(value)
  if (Array.isArray(value)) return value.map((v) => renderWith(v, vars, state))
  if (typeof value === 'object' && value !== null && !isUnsafe(value) && Object.getPrototypeOf(value) === Object.prototype) {
    if (!containsTemplate(value)) return value
    const own = isScope(value) ? (value as Vars) : vars // a hostvars entry renders with its host's vars
    const out: Vars = {}
    for (const [k, v] of Object.entries(value)) {
      const key = k.includes('{{') ? String(renderWith(k, own, state)) : k
      out[key] = renderWith(v, own, state)
    }
    return out
  }
  return value
}

function stateFor(ctx: RenderContext): RenderState {
  return { ctx, expanding: [] }
}

/** Renders to a string (a native result is stringified: lists and dicts as JSON). */
export function render(template: string, vars: Vars, ctx: RenderContext = {}): string {
  const value = evaluate(template, vars, ctx)
  if (typeof value === 'string') return value
  if (value === undefined || value === null) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** The native value of a single-expression template, else the rendered string. */
export function evaluate(template: string, vars: Vars, ctx: RenderContext = {}): unknown {
  return renderWith(template, vars, stateFor(ctx))
}

/**
 * Renders every string in a dict/list tree (module args, loop lists, vars). Parts without templates
 * are returned as they are (not copied): treat the result as read-only.
 */
export function renderValue<T = unknown>(value: unknown, vars: Vars, ctx: RenderContext = {}): T {
  return renderWith(value, vars, stateFor(ctx)) as T
}

export { containsTemplate }
