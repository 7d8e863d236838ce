// Validates module args with ajv before run(): aliases folded to their canonical name, Ansible's
// yes/no booleans accepted, defaults filled. Errors name the module and the key at fault.
import type { ValidateFunction } from 'ajv'
import { ModuleError } from '../../errors.js'
import { suggestion } from '../../util/did-you-mean.js'
import { compileSchema } from '../../util/schema-cache.js'
import type { ModuleDefinition } from '../types.js'

const compiled = new WeakMap<object, ValidateFunction>()

type Props = Record<string, { type?: string | string[]; aliases?: string[] }>

const TRUE = new Set(['yes', 'true', 'on', '1', 'y'])
const FALSE = new Set(['no', 'false', 'off', '0', 'n'])

/** Returns a validated copy of args; throws ModuleError naming the bad key. */
export function validateArgs<A>(def: ModuleDefinition<A>, input: Record<string, unknown>): A {
  const props = ((def.schema.properties ?? {}) as Props)
  const args: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input ?? {})) {
    const canonical = canonicalKey(props, key)
    if (canonical === undefined) {
      if (def.schema.additionalProperties === false) {
        const names = Object.keys(props).concat(Object.values(props).flatMap((p) => p.aliases ?? []))
        const hint = suggestion(key, names)
        throw new ModuleError(`${def.name}: unsupported argument '${key}'`, hint)
      }
      args[key] = value
      continue
    }
    if (canonical in args) throw new ModuleError(`${def.name}: argument '${canonical}' given twice (as '${key}')`)
    args[canonical] = coerce(props[canonical]?.type, value)
  }
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
    throw new ModuleError(`${def.name}: ${where} ${e.message}${extra}${missing}`)
  }
  return args as A
}

function canonicalKey(props: Props, key: string): string | undefined {
  if (key in props) return key
  return Object.keys(props).find((k) => props[k].aliases?.includes(key))
}

function coerce(type: string | string[] | undefined, value: unknown): unknown {
  const types = Array.isArray(type) ? type : [type]
  if (types.includes('boolean') && typeof value === 'string') {
    const v = value.toLowerCase()
    if (TRUE.has(v)) return true
    if (FALSE.has(v)) return false
  }
  if (types.includes('integer') && !types.includes('string') && typeof value === 'string' && /^-?\d+$/.test(value)) {
    return Number(value)
  }
  if (types.includes('string') && !types.includes('number') && typeof value === 'number') return String(value)
  if (types.includes('array') && !types.includes('string') && typeof value === 'string') {
    return value.split(',').map((s) => s.trim()).filter(Boolean)
  }
  return value
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
