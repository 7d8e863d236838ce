// Handlebars for template files ending in `.hbs` (noEscape), with Ansible-style prefix helpers:
// `{{ default x "a" }}`, `{{ join (sort xs) "," }}`, `{{#each (lookup groups "etcd")}}…{{/each}}`.
// Variables arrive already lazy (the caller hands over the Jinja engine's view of them, so a variable
// that is a template expands when read, with the one machinery every engine shares); this file renders.
// An undefined variable is a TemplateError naming it (with a did-you-mean) at the template's own line;
// only the first argument of `default`, `defined` and `undefined` may be undefined.
import { createRequire } from 'node:module'
import type Handlebars from 'handlebars'
import { TemplateError, type SourcePosition } from '../../errors.js'
import { didYouMean } from '../../util/did-you-mean.js'
import { describe } from '../../util/describe.js'
import { Missing, helpers, passesMissing } from './helpers.js'
import { LENIENT, LOOKUP, UnsupportedTemplate, lookupPluginMessage, lookups, transform, type LookupMeta } from './transform.js'
import { bracketIndexes, jinjaHint, parseError } from './syntax.js'

export interface HandlebarsContext {
  /** The template file; undefined-variable and syntax errors point at its lines. */
  where?: SourcePosition
  /** The task's name, quoted in error messages. */
  task?: string
}

type Vars = Record<string, unknown>
type Compiled = (vars: Vars, data: object) => string

// Handlebars (its compiler is ~700 KB of code) loads on the first .hbs file, not on every run.
const require = createRequire(import.meta.url)
let loaded: typeof Handlebars | undefined

function handlebars(): typeof Handlebars {
  if (loaded) return loaded
  const env = (require('handlebars') as typeof Handlebars).create()
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
    return k in (container as object) ? (container as Record<string, unknown>)[k] : undefined
  })

  env.registerHelper('helperMissing', (...args: unknown[]) => {
    const options = args.at(-1) as { name: string }
    const near = didYouMean(options.name, Object.keys(helpers))
    throw new TemplateError(`unknown helper '${options.name}'`, undefined, near ? `did you mean '${near}'?` : undefined)
  })
  env.registerHelper(LOOKUP, lookupHelper(false))
  env.registerHelper(LENIENT, lookupHelper(true))
  return (loaded = env)
}

function lookupHelper(lenient: boolean) {
  return function (this: unknown, value: unknown, id: number, options: { data: { root: Vars; ctx: HandlebarsContext } }) {
    const meta = lookups[id]
    if (value !== undefined) return value
    const error = undefinedVariable(meta, meta.root ? options.data.root : this, options.data.ctx)
    if (lenient) return new Missing(error)
    throw error
  }
}

function undefinedVariable(meta: LookupMeta, context: unknown, ctx: HandlebarsContext): TemplateError {
  const where = ctx.where && meta.line ? { file: ctx.where.file, line: meta.line } : ctx.where
  const task = ctx.task ? ` in task '${ctx.task}'` : ''
  let node = context
  for (let i = 0; meta.depth === 0 && i < meta.parts.length; i++) {
    const part = meta.parts[i]
    if (typeof node !== 'object' || node === null) {
      const parent = meta.parts.slice(0, i).join('.')
      return new TemplateError(`undefined variable '${meta.name}'${task}: '${parent}' is ${describe(node)}, not a dict`, where, undefined, meta.name)
    }
    if (!(part in node)) {
      const near = didYouMean(part, Object.keys(node))
      const hint = near ? `did you mean '${[...meta.parts.slice(0, i), near].join('.')}'?` : undefined
      const detail = i === 0 ? '' : `: '${meta.parts.slice(0, i).join('.')}' has no key '${part}'`
      return new TemplateError(`undefined variable '${meta.name}'${task}${detail}`, where, hint, meta.name)
    }
    node = (node as Vars)[part]
  }
  return new TemplateError(`undefined variable '${meta.name}'${task}`, where, undefined, meta.name)
}

const cache = new Map<string, Compiled>()
const CACHE_LIMIT = 2_000

function compile(template: string, ctx: HandlebarsContext): Compiled {
  let compiled = cache.get(template)
  if (compiled) return compiled
  // Handlebars would print Jinja's block tags as text
  if (/\{%.*%\}/s.test(template)) throw new TemplateError('Jinja2 {% %} tags in a Handlebars (.hbs) file', ctx.where, jinjaHint(template))
  let program: hbs.AST.Program
  try {
    program = handlebars().parse(bracketIndexes(template))
  } catch (error) {
    throw parseError(template, error as Error, ctx.where)
  }
  try {
    transform(program)
  } catch (error) {
    if (error instanceof UnsupportedTemplate) throw new TemplateError(error.message, ctx.where)
    throw error
  }
  const fn = handlebars().compile(program, { noEscape: true })
  compiled = (vars, data) => fn(vars, { data })
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(template, compiled)
  return compiled
}

/** Parses (and caches) a template file without rendering it; throws TemplateError on bad syntax. */
export function checkHandlebars(template: string, ctx: HandlebarsContext = {}): void {
  compile(template, ctx)
}

/** Renders a template file with `vars` (already the lazy view of the variables). */
export function renderHandlebars(template: string, vars: Vars, ctx: HandlebarsContext = {}): string {
  const run = compile(template, ctx)
  try {
    return run(vars, { ctx })
  } catch (error) {
    throw locate(error, ctx)
  }
}

// Errors thrown inside helpers don't know where the template is written: add it.
function locate(error: unknown, ctx: HandlebarsContext): unknown {
  if (!(error instanceof TemplateError)) return error instanceof Error ? new TemplateError(error.message, ctx.where) : error
  if (error.position || !ctx.where) return error
  const task = ctx.task && !error.message.includes(' in task ') ? ` in task '${ctx.task}'` : ''
  return new TemplateError(error.message + task, ctx.where, error.hint, error.variable)
}
