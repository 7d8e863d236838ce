// Validates module args with ajv before run(): aliases folded to their canonical name, Ansible's
// yes/no booleans accepted, defaults filled. Errors name the module and the key at fault.
import type { ValidateFunction } from 'ajv'
import { ModuleError, type SourcePosition } from '../../errors.js'
import { suggestion } from '../../util/did-you-mean.js'
import { compileSchema } from '../../util/schema-cache.js'
import type { ModuleDefinition } from '../types.js'
import { foldArgs, nulArgs, type ArgProps } from './arg-spec.js'

const compiled = new WeakMap<object, ValidateFunction>()

/** Where the arguments come from, for errors: the task's label and where each key (as written) is. */
export interface ArgSite {
  task?: string
  at?: (writtenKey?: string) => SourcePosition | undefined
}

/** Returns a validated copy of args; throws ModuleError naming the bad key (and where it is written). */
export function validateArgs<A>(def: ModuleDefinition<A>, input: Record<string, unknown>, site: ArgSite = {}): A {
  const at = site.at ?? (() => undefined)
  const props = (def.schema.properties ?? {}) as ArgProps
  const { args, written, duplicates } = foldArgs(def.schema, input)
  if (duplicates.length) throw new ModuleError(`${def.name}: argument '${duplicates[0]}' given twice (as '${written.get(duplicates[0])}')`, undefined, at(written.get(duplicates[0])))
  if (def.schema.additionalProperties === false) {
    const unknown = Object.keys(args).filter((k) => !(k in props))
    if (unknown.length) {
      const names = Object.keys(props).concat(Object.values(props).flatMap((p) => p.aliases ?? []))
      throw new ModuleError(unsupported(def.name, unknown, props), suggestion(unknown[0], names)) // no file:line: playbooks compare the text
    }
  }
  const [nul] = def.local ? [] : nulArgs(def.schema, args)
  if (nul !== undefined) throw nulError(def.name, written.get(nul) ?? nul, site.task, at(written.get(nul) ?? nul))
  let validate = compiled.get(def.schema)
  if (!validate) {
    validate = compileSchema({ allErrors: false, useDefaults: true, strict: false }, [stripAliases(def.schema)])
    compiled.set(def.schema, validate)
  }
  if (!validate(args)) {
    const e = validate.errors![0]
    const where = e.instancePath ? `'${e.instancePath.slice(1).replace(/\//g, '.')}'` : 'args'
    const extra = e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as string[]).join(', ')})` : ''
    const missing = e.params && 'missingProperty' in e.params ? `: '${e.params.missingProperty as string}'` : ''
    const arg = e.instancePath.split('/')[1]
    // Ansible's own words for a missing argument, which plays compare whole (no position: the task header names it)
    if (!e.instancePath && e.params && 'missingProperty' in e.params) throw new ModuleError(`missing required arguments: ${e.params.missingProperty as string}`)
    throw new ModuleError(`${def.name}: ${where} ${e.message}${extra}${missing}`, undefined, at(arg === undefined ? undefined : written.get(arg) ?? arg))
  }
  return args as A
}

export function nulError(module: string, key: string, task?: string, position?: SourcePosition): ModuleError {
  return new ModuleError(
    `${module}: argument '${key}'${task ? ` of ${task}` : ''} holds a NUL byte (embedded null byte): a path, a command or a shell string cannot`,
    'only content (copy content, lineinfile line, blockinfile block) may hold NUL bytes',
    position,
  )
}

function stripAliases(schema: Record<string, unknown>): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>
  const clean: Record<string, unknown> = {}
  for (const [k, p] of Object.entries(props)) {
    const { aliases: _aliases, ...rest } = p
    clean[k] = rest
  }
  return { ...schema, properties: clean }
}

// Ansible's action plugins that check their own options (_VALID_ARGS) and word it their way
const ACTION_OPTIONS = new Set(['assert', 'debug', 'fail', 'group_by', 'reboot', 'set_stats', 'wait_for_connection'])

/** Unknown arguments, in Ansible's words (playbooks and Ansible's own tests compare them). */
function unsupported(module: string, unknown: string[], props: ArgProps): string {
  if (ACTION_OPTIONS.has(module)) return `Invalid options for ${module}: ${unknown.join(',')}`
  const aliases = Object.values(props).flatMap((p) => p.aliases ?? []).sort()
  const supported = Object.keys(props).sort().join(', ') + (aliases.length ? ` (${aliases.join(', ')})` : '')
  return `Unsupported parameters for (${module}) module: ${[...unknown].sort().join(', ')}. Supported parameters include: ${supported}.`
}
