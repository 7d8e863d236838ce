// Module arguments against the module's JSON Schema (ModuleDefinition.schema). At check time values that
// are still templates are skipped (they are only known per host); the executor calls coerceModuleArgs
// with rendered arguments. Like Ansible's arg spec, strings are converted to the declared type first:
// `port=2379` gives the integer 2379, `backup=yes` the boolean true.
import type { ErrorObject, ValidateFunction } from 'ajv'
import type { SourcePosition } from '../errors.js'
import { describe } from '../util/describe.js'
import { didYouMean } from '../util/did-you-mean.js'
import { compileSchema } from '../util/schema-cache.js'
import { UnsafeText } from '../util/unsafe-text.js'
import { foldArgs, nulArgs, type ArgProps } from '../modules/lib/arg-spec.js'
import { shortName, type ModuleInfo } from './catalog.js'
import type { Task, Vars } from './model.js'
import { ajvExpectation, type Problem } from './validate.js'

const compiled = new WeakMap<object, ValidateFunction>()

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema)
  if (!v) compiled.set(schema, (v = compileSchema({ allErrors: true, verbose: true, strict: false }, [schema])))
  return v
}

function valueAt(args: unknown, path: string): unknown {
  let node = args
  for (const s of path.split('/').slice(1)) node = (node as Record<string, unknown>)?.[s.replace(/~1/g, '/').replace(/~0/g, '~')]
  return node
}

const isTemplate = (v: unknown) => typeof v === 'string' && v.includes('{{')

// A deep copy to judge: an `!unsafe` value is the string it stands for.
function copyOf(value: unknown): unknown {
  if (value instanceof UnsafeText) return String(value)
  if (Array.isArray(value)) return value.map(copyOf)
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOf(v)]))
  return value
}

/** Where the task's module is written (its key, or action:/local_action:). */
export function moduleKeyPosition(task: Task): SourcePosition {
  const key = Object.keys(task.keyPos).find((k) => shortName(k) === task.action || k === 'action' || k === 'local_action' || k === 'import_tasks')
  return (key && task.keyPos[key]) || task.pos
}

// ajv must not see the non-standard `aliases` keyword as a constraint; strict:false ignores it. Types are
// converted by foldArgs (the same conversion the run-time validator uses), never by ajv's own coercion.
export interface CheckedArgs {
  /** The arguments converted to the schema's types (a copy; the task is not modified). */
  args: Vars
  problems: Problem[]
}

/**
 * Validates and type-converts module arguments. At run time pass the rendered args with
 * `rendered = true`; at check time (`false`) values that are still templates are not judged.
 */
export function coerceModuleArgs(task: Task, module: ModuleInfo, args: Vars = task.args, rendered = false): CheckedArgs {
  if (!module.schema) return { args, problems: [] }
  const { args: folded, written } = foldArgs(module.schema, copyOf(args) as Vars)
  const validate = validatorFor(module.schema)
  const problems = validate(folded) ? [] : problemsOf(validate, task, folded, rendered, written)
  if (!module.local) problems.push(...nulArgs(module.schema, folded).map((k) => nulProblem(task, written.get(k) ?? k)))
  return { args: folded, problems }
}

function nulProblem(task: Task, key: string): Problem {
  const label = task.name ? `task '${task.name}'` : 'task'
  return {
    message: `argument '${key}' of module '${task.action}' in ${label} holds a NUL byte (embedded null byte): a path, a command or a shell string cannot`,
    position: task.keyPos[`args.${key}`] ?? moduleKeyPosition(task),
    hint: 'only content (copy content, lineinfile line, blockinfile block) may hold NUL bytes',
  }
}

/** Problems with `args` for `task.action` (see coerceModuleArgs). */
export function moduleArgProblems(task: Task, module: ModuleInfo, args: Vars = task.args, rendered = false): Problem[] {
  return coerceModuleArgs(task, module, args, rendered).problems
}

function problemsOf(validate: ValidateFunction, task: Task, args: Vars, rendered: boolean, written: Map<string, string>): Problem[] {
  const label = task.name ? `task '${task.name}'` : 'task'
  const problems: Problem[] = []
  const anyOf = new Set((validate.errors ?? []).filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath))
  for (const error of validate.errors ?? []) {
    if (anyOf.has(error.instancePath) && error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue
    if (error.keyword === 'if') continue
    if (!rendered && (isTemplate(valueAt(args, error.instancePath)) || (error.keyword === 'required' && task.argsTemplate))) continue
    problems.push(toProblem(error, task, label, args, written))
  }
  return problems
}

function toProblem(error: ErrorObject, task: Task, label: string, args: unknown, written: Map<string, string>): Problem {
  const arg = error.instancePath.split('/')[1]
  const at = (name?: string) => (name && task.keyPos[`args.${written.get(name) ?? name}`]) || moduleKeyPosition(task)
  const p = error.params as Record<string, unknown>
  const schema = error.parentSchema as { properties?: object; title?: string; description?: string } | undefined
  switch (error.keyword) {
    case 'additionalProperties': {
      const bad = String(p.additionalProperty)
      const props = (schema?.properties ?? {}) as ArgProps
      const known = [...Object.keys(props), ...Object.values(props).flatMap((p) => p.aliases ?? [])]
      const near = didYouMean(bad, known)
      return { message: `unknown argument '${bad}' for module '${task.action}' in ${label}`, position: at(error.instancePath === '' ? bad : arg), hint: near ? `did you mean '${near}'?` : `valid: ${known.join(', ')}` }
    }
    case 'required':
      return { message: `module '${task.action}' in ${label} needs argument '${String(p.missingProperty)}'`, position: at() }
    default: {
      const value = valueAt(args, error.instancePath)
      const expected = schema?.title ? `must be ${schema.title}` : ajvExpectation(error)
      const name = error.instancePath.slice(1).replace(/\//g, '.') || 'arguments'
      return { message: `argument '${name}' of module '${task.action}' in ${label} ${expected}, got ${describe(value)}`, position: at(arg) }
    }
  }
}
