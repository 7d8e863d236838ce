// Module arguments as Ansible's arg spec converts them before validation, shared by the run-time
// validator (validate.ts) and `tsplay check` (playbook/module-args.ts): aliases folded to the canonical
// name, strings converted to the declared type (`backup=yes` → true, `port=2379` → 2379, "a,b" → a list).
import { parseBoolean } from '../../util/boolean.js'

/** `binary: true`: the value is content written as bytes (copy's content), never a path or a shell word. */
export type ArgProps = Record<string, { type?: unknown; aliases?: string[]; binary?: boolean }>

export interface FoldedArgs {
  args: Record<string, unknown>
  /** Canonical name → the key as written (for positions and messages). */
  written: Map<string, string>
  /** Canonical names given twice (`dest` and its alias `path`). */
  duplicates: string[]
}

const isTemplate = (v: unknown) => typeof v === 'string' && v.includes('{{')

function typesOf(p: { type?: unknown } | undefined): unknown[] {
  return Array.isArray(p?.type) ? p.type : [p?.type]
}

/** The canonical argument name for `key` (itself, or the property that lists it as an alias). */
export function canonicalArg(props: ArgProps, key: string): string | undefined {
  if (key in props) return key
  return Object.keys(props).find((k) => props[k].aliases?.includes(key))
}

/** Converts one value to the declared type where Ansible would; anything else is left for the schema to judge. */
export function coerceArg(type: unknown, value: unknown): unknown {
  const types = Array.isArray(type) ? type : [type]
  if (isTemplate(value)) return value
  if (types.includes('boolean') && (typeof value === 'string' || typeof value === 'number')) return parseBoolean(value) ?? value
  if (types.includes('integer') && !types.includes('string') && typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number(value)
  if (types.includes('number') && !types.includes('string') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  if (types.includes('string') && !types.includes('number') && !types.includes('integer') && typeof value === 'number') return String(value)
  // a YAML boolean in a string argument is Python's str() of it (`creates: yes` is the path 'True')
  if (types.includes('string') && !types.includes('boolean') && typeof value === 'boolean') return value ? 'True' : 'False'
  if (types.includes('array') && !types.includes('string') && typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean)
  return value
}

/** Folds aliases and converts types; unknown keys are kept as written (the schema decides about them). */
export function foldArgs(schema: Record<string, unknown>, input: Record<string, unknown>): FoldedArgs {
  const props = (schema.properties ?? {}) as ArgProps
  const args: Record<string, unknown> = {}
  const written = new Map<string, string>()
  const duplicates: string[] = []
  for (const [key, value] of Object.entries(input ?? {})) {
    const name = canonicalArg(props, key) ?? key
    if (written.has(name)) duplicates.push(name)
    written.set(name, key)
    args[name] = name in props ? coerceArg(typesOf(props[name]), value) : value
  }
  return { args, written, duplicates }
}

const holdsNul = (value: unknown): boolean =>
  typeof value === 'string' ? value.includes('\0') : Array.isArray(value) ? value.some(holdsNul) : value !== null && typeof value === 'object' && Object.values(value).some(holdsNul)

/**
 * Canonical names of arguments that hold a NUL byte where none can go. A path, a command word or a shell
 * string cannot carry one (execve and the shell end the string there: `/root/x\0y` would become
 * `/root/xy`), so such a value is refused, as Python refuses it for Ansible ("embedded null byte").
 * Content (`binary` arguments) keeps its NULs.
 */
export function nulArgs(schema: Record<string, unknown>, args: Record<string, unknown>): string[] {
  const props = (schema.properties ?? {}) as ArgProps
  return Object.keys(args).filter((k) => !props[k]?.binary && holdsNul(args[k]))
}
