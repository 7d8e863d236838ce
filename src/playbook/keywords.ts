// Normalisation of the keywords plays, blocks, roles and tasks share (see model.ts for the rules).
import { ConfigError, type SourcePosition } from '../errors.js'
import { checkCondition, checkValue } from '../template/index.js'
import { BOOLEAN_WORDS, parseBoolean } from '../util/boolean.js'
import { shortName } from './catalog.js'
import type { CommonKeywords, Condition, Flag, Located, Vars } from './model.js'
import type { SourceMap } from './yaml.js'

export type Raw = Record<string, unknown>

/** A boolean keyword: `yes`/`no`/… → boolean, a template stays as written; anything else is an error naming `key`. */
export function flag(value: unknown, key: string, where?: SourcePosition): Flag | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string' && value.includes('{{')) return value
  const parsed = parseBoolean(value)
  if (parsed === undefined) throw new ConfigError(`'${key}' must be a boolean, got ${JSON.stringify(value)}`, where, `write one of ${BOOLEAN_WORDS}`)
  return parsed
}

export function stringList(value: unknown, splitCommas = false): string[] {
  if (value === undefined || value === null) return []
  const items = Array.isArray(value) ? value : [value]
  const strings = items.map((v) => String(v))
  return splitCommas ? strings.flatMap((s) => s.split(',').map((t) => t.trim()).filter(Boolean)) : strings
}

/** Checks each condition's syntax now (and its filter and test names) so errors come before running. */
export function conditions(value: unknown, where: SourcePosition, map?: SourceMap): Condition[] {
  if (value === undefined || value === null) return []
  const list = (Array.isArray(value) ? value : [value]) as Condition[]
  list.forEach((c, i) => checkCondition(c, { where: (Array.isArray(value) && map?.key(value, i)) || where }))
  return list
}

export function located(raw: Raw, map: SourceMap): Located {
  const keyPos: Record<string, SourcePosition> = {}
  const valuePos: Record<string, SourcePosition> = {}
  for (const key of Object.keys(raw)) {
    keyPos[key] = map.key(raw, key)
    const value = map.value(raw, key)
    if (value) valuePos[key] = value
  }
  return { pos: map.of(raw), keyPos, valuePos }
}

/**
 * Checks the syntax (and filter and test names) of every template string under `value` (vars, args,
 * names), each at its own position when the YAML source map knows it, else at `where`.
 */
export function checkTemplates(value: unknown, where: SourcePosition, map?: SourceMap): void {
  if (typeof value === 'string') checkValue(value, { where })
  else if (Array.isArray(value)) value.forEach((v, i) => checkTemplates(v, map?.key(value, i) ?? where, map))
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      checkTemplates(k, map?.key(value, k) ?? where, map)
      checkTemplates(v, map?.value(value, k) ?? map?.key(value, k) ?? where, map)
    }
  }
}

/** The keywords every level has, taken from a raw mapping already validated by its schema. */
export function commonKeywords(raw: Raw, map: SourceMap): CommonKeywords & Located {
  const loc = located(raw, map)
  const at = (key: string) => loc.keyPos[key] ?? loc.pos
  const valueAt = (key: string) => loc.valuePos[key] ?? at(key)
  const out: CommonKeywords & Located = {
    ...loc,
    when: conditions(raw.when, valueAt('when'), map),
    tags: stringList(raw.tags, true),
    vars: varsOf(raw.vars),
  }
  if (typeof raw.name === 'string') out.name = raw.name
  for (const key of ['become', 'ignore_errors', 'ignore_unreachable', 'run_once', 'delegate_facts', 'no_log', 'check_mode', 'diff', 'any_errors_fatal'] as const) {
    const f = flag(raw[key], key, at(key))
    if (f !== undefined) out[key] = f
  }
  for (const key of ['become_user', 'become_method', 'delegate_to', 'remote_user', 'connection'] as const) {
    if (raw[key] !== undefined && raw[key] !== null) out[key] = String(raw[key])
  }
  if (raw.environment !== undefined && raw.environment !== null) out.environment = raw.environment as CommonKeywords['environment']
  for (const key of ['throttle', 'timeout'] as const) if (raw[key] !== undefined && raw[key] !== null) out[key] = raw[key] as number | string
  if (raw.module_defaults !== undefined && raw.module_defaults !== null) out.module_defaults = moduleDefaultsOf(raw.module_defaults, at('module_defaults'))
  checkTemplates(raw.vars, at('vars'), map)
  if (raw.module_defaults !== undefined) checkTemplates(raw.module_defaults, valueAt('module_defaults'), map)
  for (const key of ['name', 'delegate_to', 'become_user', 'environment'] as const) if (raw[key] !== undefined) checkTemplates(raw[key], valueAt(key), map)
  return out
}

/** `module_defaults:` as Ansible reads it: a mapping or a list of mappings whose keys are module names (FQCNs too). */
function moduleDefaultsOf(value: unknown, where: SourcePosition): Record<string, unknown>[] {
  const bad = () =>
    new ConfigError(
      'module_defaults must be a mapping or a list of mappings whose keys are module names',
      where,
      "only the values may be templates, e.g. module_defaults: { file: { owner: root } } or { file: \"{{ file_defaults }}\" }",
    )
  const list = Array.isArray(value) ? value : [value]
  return list.map((entry) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw bad()
    const out: Record<string, unknown> = {}
    for (const [name, defaults] of Object.entries(entry as Record<string, unknown>)) {
      if (name.startsWith('group/')) {
        throw new ConfigError(`module_defaults '${name}': tsplay has no action groups`, where, 'name each module: module_defaults: { file: {...}, copy: {...} }')
      }
      out[shortName(name)] = defaults
    }
    return out
  })
}

/** `vars:` as written: a mapping, or a list of mappings merged in order (Ansible accepts both). */
export function varsOf(value: unknown): Vars {
  if (Array.isArray(value)) return Object.assign({}, ...(value as Vars[]))
  return { ...((value as Vars | undefined) ?? {}) }
}
