// The template interface: one API, two engines.
//   Jinja2, exactly as ansible-core 2.14's Templar evaluates it (jinja/): every expression in YAML (module
//   arguments, vars, names, loop, when/changed_when/failed_when/until, assert's that, debug's var) and
//   every template file.
//   Handlebars (handlebars/): template files whose name ends in `.hbs`.
// The variable machinery is shared: a variable that is a template expands when read (with Jinja, the
// language YAML values are written in), unsafe values (markUnsafe, YAML's !unsafe) never, a hostvars
// entry (markScope) with its own host's variables; an undefined variable is a TemplateError naming it,
// with the file:line:column of the expression.
import { ansibleConfig } from '../config/load.js'
import type { SourcePosition } from '../errors.js'
import { checkHandlebars, renderHandlebars } from './handlebars/engine.js'
import * as jinja from './jinja/index.js'
import type { LookupContext } from './jinja/index.js'

export { markScope, markUnsafe, isScope, isUnsafe, UnsafeText } from './markers.js'
export { isTemplate } from './jinja/index.js'
export type { LookupContext } from './jinja/index.js'

type Vars = Record<string, unknown>

export interface RenderContext {
  /** Where the text is written (a YAML key, a template file); errors point here. */
  where?: SourcePosition
  /** The task's name, quoted in error messages. */
  task?: string
  /** Controller-side context for lookup(), include and import: search paths, vault, environment. */
  lookups?: LookupContext
  /** Receives Ansible's template warnings (a condition with {{ }} in it). */
  warn?: (message: string) => void
}

/** A condition as written: an expression (`result.rc == 0`), a `{{ }}` template, or a literal. */
export type Condition = string | boolean | number

/** A YAML value's string: its native value as Ansible's Templar returns it (a list stays a list, `{{ n }}` of a number is that number). */
export function evaluate(text: string, vars: Vars, ctx: RenderContext = {}): unknown {
  return jinja.evaluate(text, vars, ctx)
}

/** evaluate() through lists and dicts: module arguments, environment, loop values. */
export function renderValue<T = unknown>(value: unknown, vars: Vars, ctx: RenderContext = {}): T {
  return jinja.evaluateDeep(value, vars, ctx) as T
}

/** Text templated to a string (task and play names, paths, become_user, delegate_to). */
export function render(text: string, vars: Vars, ctx: RenderContext = {}): string {
  return jinja.render(text, vars, ctx)
}

/** Every condition holds (`when: [a, b]` is a and b), each evaluated as Ansible's Conditional does. */
export function evaluateCondition(conditions: Condition | Condition[], vars: Vars, ctx: RenderContext = {}): boolean {
  const list = Array.isArray(conditions) ? conditions : [conditions]
  return list.every((c) => jinja.condition(c, vars, ctx))
}

/** A template file's text rendered as the template module renders it; `.hbs` files with Handlebars. */
export function renderFile(text: string, vars: Vars, file: string, ctx: RenderContext = {}): string {
  const where = { file }
  if (isHandlebarsFile(file)) return renderHandlebars(text, jinja.lazyVars(vars, { ...ctx, where }), { where, task: ctx.task })
  return jinja.renderFile(text, { ...vars, ...jinja.templateVars(file, undefined, undefined, ansibleConfig().get('DEFAULT_MANAGED_STR')) }, { ...ctx, where, isFile: true })
}

/** Parses a YAML value's template (cached) without evaluating it; TemplateError on bad syntax or unknown filters and tests. */
export function checkValue(text: string, ctx: RenderContext = {}): void {
  jinja.check(text, { ...ctx, kind: 'value' })
}

/** Parses a condition without evaluating it. */
export function checkCondition(condition: Condition, ctx: RenderContext = {}): void {
  if (typeof condition === 'string') jinja.check(condition, { ...ctx, kind: 'condition' })
}

/** A lookup named literally that does not exist (`lookup('nope', …)`): Ansible finds it only when it runs; tsplay check earlier. */
export function checkLookups(text: string, ctx: RenderContext & { kind?: 'value' | 'condition' | 'file' } = {}): void {
  jinja.checkLookups(text, ctx)
}

/** A lookup plugin's results as a list, as query() gives them (the with_<name> loops). */
export function queryLookup(name: string, terms: unknown[], vars: Vars, ctx: RenderContext = {}): unknown[] {
  return jinja.query(name, terms, vars, ctx)
}

/** Whether a lookup plugin of this name exists. */
export function isLookup(name: string): boolean {
  return jinja.isLookup(name)
}

export function lookupNames(): string[] {
  return jinja.lookupNames()
}

/** A controller-side file as Ansible finds it (path_dwim_relative_stack): each search path's `subdir/name`, then `name`. */
export function findControllerFile(name: string, subdir: string, lookups: LookupContext): string | undefined {
  return jinja.findFile(name, subdir, lookups)
}

/** Parses a template file without rendering it (its engine by its name). */
export function checkFile(text: string, file: string): void {
  const where = { file }
  if (isHandlebarsFile(file)) checkHandlebars(text, { where })
  else jinja.check(text, { where, isFile: true, kind: 'file' })
}

/** The variables a value, condition or file template reads (not its own locals and loop variables). */
export function freeVariables(text: string, kind: 'value' | 'condition' | 'file' = 'value'): Set<string> {
  return jinja.freeVariables(text, kind)
}

/** The variables a template reads where undefined is an error (not only under `default()` or `is defined`). */
export function requiredVariables(text: string, kind: 'value' | 'condition' | 'file' = 'value'): Set<string> {
  return jinja.requiredVariables(text, kind)
}

export function isHandlebarsFile(file: string): boolean {
  return file.endsWith('.hbs')
}
