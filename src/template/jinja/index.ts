// tsplay's Jinja2 engine, evaluating as ansible-core 2.14's Templar does. Engine-neutral API: the
// template layer (src/template) puts it behind its interface.
import type { SourcePosition } from '../../errors.js'
import { TemplateError } from '../../errors.js'
import { isScope, isUnsafe } from '../markers.js'
import { MISSING } from './py-methods.js'
import { PyFloat } from './pyfloat.js'
import { Undefined } from './undefined.js'
import './filters/index.js'
import { evaluateCondition } from './condition.js'
import { JinjaError } from './errors.js'
import { collectFreeVariables, collectLookupCalls, collectRequiredVariables } from './free-vars.js'
import { lookupGlobal, lookups } from './lookups/index.js'
import { NEEDS_RT } from './callable.js'
import { didYouMean } from '../../util/did-you-mean.js'
import type { LookupContext } from './lookups/paths.js'
import { isDict, plain, str } from './py.js'
import type { Vars } from './runtime.js'
import { newRuntime } from './templar.js'
import { DEFAULTS, compileTemplate, isPossiblyTemplate, parseTemplate, templateString } from './template.js'

export type { LookupContext } from './lookups/paths.js'
export { templateVars } from './template-vars.js'
export type { Vars } from './runtime.js'

export interface JinjaOptions {
  /** Where the text is written (a YAML key's file:line[:col], or a template file); errors point here. */
  where?: SourcePosition
  /** A whole template file: positions are the file's own lines. */
  isFile?: boolean
  /** The task name, quoted in error messages. */
  task?: string
  /** Controller-side context for lookup() and include. */
  lookups?: LookupContext
  /** Receives Ansible's warnings (a condition with {{ }} in it). */
  warn?: (message: string) => void
}

function runtime(vars: Vars, o: JinjaOptions = {}) {
  return newRuntime(vars, { lookups: o.lookups, task: o.task })
}

function lineCol(text: string, pos: number): { line: number; column: number } {
  let line = 1
  let last = -1
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === '\n') (line++, (last = i))
  return { line, column: pos - last }
}

/** A TemplateError with file:line:column, the task, the undefined variable and a did-you-mean. */
export function toTemplateError(e: unknown, text: string, o: JinjaOptions = {}): TemplateError {
  if (e instanceof TemplateError) return e
  const err = e instanceof JinjaError ? e : new JinjaError(e instanceof Error ? e.message : String(e))
  let position: SourcePosition | undefined = o.where ? { ...o.where } : undefined
  if (err.pos !== undefined && (err.text === undefined || err.text === text)) {
    const { line, column } = lineCol(text, err.pos)
    if (o.isFile || !o.where) position = { file: o.where?.file ?? '<template>', line, column }
    else if (o.where.line !== undefined) {
      position = { file: o.where.file, line: o.where.line + line - 1, column: line === 1 ? (o.where.column ?? 1) + column - 1 : column }
    }
  }
  const inner = err.text !== undefined && err.text !== text ? ` (while templating '${err.text.length > 80 ? err.text.slice(0, 77) + '...' : err.text}')` : ''
  const task = o.task ? ` in task '${o.task}'` : ''
  return new TemplateError(err.message + inner + task, position, err.hint, err.kind === 'undefined' ? err.variable : undefined)
}

function guard<T>(text: string, o: JinjaOptions | undefined, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    throw toTemplateError(e, text, o)
  }
}

/** Templar.template(text) for a YAML value: the native value Ansible 2.14 returns. */
export function evaluate(text: string, vars: Vars, options?: JinjaOptions): unknown {
  if ((text as unknown) instanceof String) return text.valueOf() // UnsafeText: never templated
  if (typeof text !== 'string' || !isPossiblyTemplate(text)) return text
  return guard(text, options, () => templateString(text, runtime(vars, options), { convert: true }))
}

/** evaluate() deep through lists and dicts (keys too); containers rebuilt only where something changed. */
export function evaluateDeep(value: unknown, vars: Vars, options?: JinjaOptions): unknown {
  const rt = runtime(vars, options)
  const walk = (v: unknown): unknown => {
    if (v instanceof String) return v.valueOf()
    if (typeof v === 'string') return isPossiblyTemplate(v) ? guard(v, options, () => templateString(v, rt, { convert: true })) : v
    if (typeof v !== 'object' || v === null || isUnsafe(v)) return v
    if (Array.isArray(v)) {
      let out: unknown[] | undefined
      v.forEach((x, i) => {
        const y = walk(x)
        if (y !== x && !out) out = v.slice(0, i)
        if (out) out.push(y)
      })
      return out ?? v
    }
    if (isDict(v)) {
      let out: Record<string, unknown> | undefined
      const keys = Object.keys(v)
      keys.forEach((k, i) => {
        const nk = isPossiblyTemplate(k) ? String(plain(guard(k, options, () => templateString(k, rt, { convert: false })))) : k
        const x = v[k]
        const y = walk(x)
        if ((y !== x || nk !== k) && !out) {
          out = {}
          for (const pk of keys.slice(0, i)) out[pk] = v[pk]
        }
        if (out) out[nk] = y
      })
      return out ?? v
    }
    return v
  }
  return walk(value)
}

/** Templar.template(text, convert_data=False): a string (task names, paths, messages). */
export function render(text: string, vars: Vars, options?: JinjaOptions): string {
  if (!isPossiblyTemplate(text)) return text
  return guard(text, options, () => {
    const v = templateString(text, runtime(vars, options), { convert: false })
    return typeof v === 'string' ? v : str(plain(v))
  })
}

/** A whole template file as the template module renders it (trim_blocks, #jinja2: header, include). */
export function renderFile(text: string, vars: Vars, options?: JinjaOptions): string {
  const o = { ...options, isFile: options?.isFile ?? true }
  return guard(text, o, () => {
    const v = templateString(text, runtime(vars, o), { convert: false, escapeBackslashes: false, name: o.where?.file })
    return typeof v === 'string' ? v : str(v)
  })
}

/** A condition as Ansible's Conditional evaluates it (bare expression or with {{ }}). */
export function condition(cond: string | boolean | number, vars: Vars, options?: JinjaOptions): boolean {
  return guard(String(cond), options, () => evaluateCondition(cond, runtime(vars, options), options?.warn))
}

/** Parses (and caches) without evaluating; throws TemplateError for bad syntax and unknown filters/tests. */
export function check(text: string, options?: JinjaOptions & { kind?: 'value' | 'condition' | 'file' }): void {
  const kind = options?.kind ?? 'value'
  guard(text, options, () => {
    if (kind === 'condition') {
      if (isPossiblyTemplate(text)) compileTemplate(text, DEFAULTS)
      else compileTemplate(`{% if ${text} %} True {% else %} False {% endif %}`, DEFAULTS)
    } else if (kind === 'file') compileTemplate(text.startsWith('#jinja2:') ? text.slice(text.indexOf('\n') + 1) : text, { ...DEFAULTS, escapeBackslashes: false })
    else if (isPossiblyTemplate(text)) compileTemplate(text, DEFAULTS)
  })
}

/** A lookup named literally that does not exist (`lookup('nope', …)`) is an error here; Jinja finds it only when it runs. */
export function checkLookups(text: string, options?: JinjaOptions & { kind?: 'value' | 'condition' | 'file' }): void {
  const kind = options?.kind ?? 'value'
  if (kind !== 'file' && !isPossiblyTemplate(text) && kind !== 'condition') return
  const src = kind === 'condition' && !isPossiblyTemplate(text) ? `{{ ${text} }}` : text
  const shift = src.length - text.length === 6 ? 3 : 0 // the `{{ ` added around a bare condition
  for (const call of collectLookupCalls(parseTemplate(src, { ...DEFAULTS, escapeBackslashes: kind !== 'file' }))) {
    if (call.name in lookups || call.name.replace(/^ansible\.(builtin|legacy)\./, '') in lookups) continue
    const near = didYouMean(call.name, Object.keys(lookups))
    const error = new JinjaError(`lookup plugin (${call.name}) not found`, 'error', call.pos - shift, undefined, near ? `did you mean '${near}'?` : undefined)
    throw toTemplateError(error, text, options)
  }
}

/** Names a template reads from its context (free variables, no locals/loop vars). */
export function freeVariables(text: string, kind: 'value' | 'condition' | 'file' = 'value'): Set<string> {
  const src = kind === 'condition' && !isPossiblyTemplate(text) ? `{{ ${text} }}` : text
  return collectFreeVariables(parseTemplate(src, { ...DEFAULTS, escapeBackslashes: kind !== 'file' }))
}

/** The free variables whose absence is an error: not those read only under `default()` or `is defined`. */
export function requiredVariables(text: string, kind: 'value' | 'condition' | 'file' = 'value'): Set<string> {
  const src = kind === 'condition' && !isPossiblyTemplate(text) ? `{{ ${text} }}` : text
  return collectRequiredVariables(parseTemplate(src, { ...DEFAULTS, escapeBackslashes: kind !== 'file' }))
}

export { isTemplate } from './is-template.js'

/**
 * The variables as a template of another engine (.hbs files) reads them: each name is templated when
 * read (Ansible's lazy variables, this engine's machinery), hostvars entries with their own host's
 * variables; an undefined name is absent.
 */
export function lazyVars(vars: Vars, options?: JinjaOptions): Vars {
  const rt = runtime(vars, options)
  const outward = (v: unknown): unknown => (v instanceof Undefined ? undefined : v instanceof PyFloat ? v.value : v)
  const read = (fn: () => unknown) => {
    try {
      return outward(fn())
    } catch (e) {
      throw toTemplateError(e, '', options)
    }
  }
  const scoped = (scope: Vars): Vars =>
    new Proxy(scope, { get: (t, k) => (typeof k === 'string' ? read(() => { const v = rt.scopeGet(t, k); return v === MISSING ? undefined : v }) : undefined) })
  const hostvars = (hv: Vars): Vars =>
    new Proxy(hv, { get: (t, k) => { const h = typeof k === 'string' ? t[k] : undefined; return isScope(h) ? scoped(h) : h } })
  return new Proxy(vars, {
    get: (t, k) => {
      if (typeof k !== 'string' || !(k in t)) return undefined
      const v = read(() => rt.resolve(k))
      return k === 'hostvars' && v && typeof v === 'object' ? hostvars(v as Vars) : v
    },
  })
}

/** A lookup plugin's results as a list (query(name, *terms)): the with_<name> loops. */
export function query(name: string, terms: unknown[], vars: Vars, options?: JinjaOptions): unknown[] {
  const rt = runtime(vars, options)
  return guard(name, options, () => lookupGlobal('query')[NEEDS_RT](rt)([name, ...terms], {}) as unknown[])
}

/** Whether `name` is a lookup plugin (`ansible.builtin.` prefix allowed). */
export function isLookup(name: string): boolean {
  return name in lookups || name.replace(/^ansible\.(builtin|legacy)\./, '') in lookups
}

export function lookupNames(): string[] {
  return Object.keys(lookups)
}

export { findFile } from './lookups/paths.js'
