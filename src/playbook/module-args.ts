// Module arguments against the module's JSON Schema (ModuleDefinition.schema). At check time values that
// are still templates are skipped (they are only known per host); the executor can call this again
// with rendered arguments.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { SourcePosition } from '../errors.js'
import { describe } from '../template/helpers.js'
import { didYouMean } from '../util/did-you-mean.js'
import { shortName, type ModuleInfo } from './catalog.js'
import type { Task } from './model.js'
import { ajvExpectation, type Problem } from './validate.js'

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false })
const compiled = new WeakMap<object, ValidateFunction>()

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema)
  if (!v) compiled.set(schema, (v = ajv.compile(schema)))
  return v
}

function valueAt(args: unknown, path: string): unknown {
  let node = args
  for (const s of path.split('/').slice(1)) node = (node as Record<string, unknown>)?.[s.replace(/~1/g, '/').replace(/~0/g, '~')]
  return node
}

const isTemplate = (v: unknown) => typeof v === 'string' && v.includes('{{')

/** Where the task's module is written (its key, or action:/local_action:). */
export function moduleKeyPosition(task: Task): SourcePosition {
  const key = Object.keys(task.keyPos).find((k) => shortName(k) === task.action || k === 'action' || k === 'local_action' || k === 'import_tasks')
  return (key && task.keyPos[key]) || task.pos
}

/** Problems with `args` for `task.action`; `rendered` = args have no templates left (run time). */
export function moduleArgProblems(task: Task, module: ModuleInfo, args = task.args, rendered = false): Problem[] {
  if (!module.schema) return []
  const validate = validatorFor(module.schema)
  if (validate(args)) return []
  const label = task.name ? `task '${task.name}'` : 'task'
  const problems: Problem[] = []
  const anyOf = new Set((validate.errors ?? []).filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath))
  for (const error of validate.errors ?? []) {
    if (anyOf.has(error.instancePath) && error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue
    if (error.keyword === 'if') continue
    if (!rendered && (isTemplate(valueAt(args, error.instancePath)) || (error.keyword === 'required' && task.argsTemplate))) continue
    problems.push(toProblem(error, task, label, args))
  }
  return problems
}

function toProblem(error: ErrorObject, task: Task, label: string, args: unknown): Problem {
  const arg = error.instancePath.split('/')[1]
  const at = (name?: string) => (name && task.keyPos[`args.${name}`]) || moduleKeyPosition(task)
  const p = error.params as Record<string, unknown>
  const schema = error.parentSchema as { properties?: object; title?: string; description?: string } | undefined
  switch (error.keyword) {
    case 'additionalProperties': {
      const bad = String(p.additionalProperty)
      const known = Object.keys(schema?.properties ?? {})
      const near = didYouMean(bad, known)
      return { message: `unknown argument '${bad}' for module '${task.action}' in ${label}`, position: at(error.instancePath === '' ? bad : arg), hint: near ? `did you mean '${near}'?` : `valid: ${known.join(', ')}` }
    }
    case 'required':
      return { message: `module '${task.action}' in ${label} needs argument '${String(p.missingProperty)}'`, position: at() }
    default: {
      const value = valueAt(args, error.instancePath)
      const expected = schema?.title ?? ajvExpectation(error)
      const name = error.instancePath.slice(1).replace(/\//g, '.') || 'arguments'
      return { message: `argument '${name}' of module '${task.action}' in ${label} must be ${expected}, got ${describe(value)}`, position: at(arg) }
    }
  }
}
