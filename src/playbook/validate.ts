// Validates parsed YAML against the published JSON Schemas (schemas/*.schema.json) with ajv, and
// turns ajv's errors into one message per problem naming the file, line, key, what was expected and,
// for an unknown key, the nearest valid one (`notfiy` → `notify`).
import { readFileSync } from 'node:fs'
import type { ErrorObject, ValidateFunction } from 'ajv'
import { ConfigError, type SourcePosition } from '../errors.js'
import { describe } from '../util/describe.js'
import { didYouMean } from '../util/did-you-mean.js'
import { compileSchema } from '../util/schema-cache.js'
import type { SourceMap } from './yaml.js'

export type SchemaName = 'playbook' | 'play' | 'tasks' | 'task' | 'block' | 'role-meta' | 'role-ref'
const files = ['defs', 'task', 'block', 'tasks', 'role-ref', 'role-meta', 'play', 'playbook']

/** Where the published schemas live (the same relative path from src/playbook and from dist/cli, the bundle). */
export const schemaDir = new URL('../../schemas/', import.meta.url)

/** Ansible keywords tsplay knows but does not implement: a clear refusal beats a silent ignore. */
export const unsupportedKeywords: Record<string, string> = {
  debugger: 'the task debugger is not supported',
  collections: 'collections are not supported; modules are built in',
  port: 'set ansible_port in the inventory',
  become_exe: 'become_exe is not supported',
  become_flags: 'become_flags is not supported',
}

let schemas: object[] | undefined
const validators = new Map<SchemaName, ValidateFunction>()

function validator(name: SchemaName): ValidateFunction {
  schemas ??= files.map((file) => JSON.parse(readFileSync(new URL(`${file}.schema.json`, schemaDir), 'utf8')) as object)
  let validate = validators.get(name)
  if (!validate) {
    validate = compileSchema({ allErrors: true, verbose: true, strict: false }, schemas, `${name}.schema.json`)
    validators.set(name, validate)
  }
  return validate
}

export interface Problem {
  message: string
  position: SourcePosition
  hint?: string
}

/** Every schema problem in `data`, in document order (empty when valid). */
export function schemaProblems(name: SchemaName, data: unknown, map: SourceMap, label = rootLabels[name]): Problem[] {
  const validate = validator(name)
  if (validate(data)) return []
  const errors = validate.errors ?? []
  // A failed anyOf stands for its branches' errors; if/then errors repeat the branch's own.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath))
  const problems: (Problem & { rank: number })[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    if (error.keyword === 'if' || (error as { propertyName?: string }).propertyName !== undefined) continue
    if (anyOfPaths.has(error.instancePath) && error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue
    if (error.keyword === 'anyOf' && (error.parentSchema as { title?: string })?.title === undefined && hasDeeper(errors, error)) continue
    const problem = { ...toProblem(error, data, map, label), rank: rank[error.keyword] ?? 1 }
    const key = `${error.instancePath}:${error.keyword}:${JSON.stringify(error.params)}`
    if (!seen.has(key)) problems.push(problem)
    seen.add(key)
  }
  // Document order; on one line an unknown key (`hots`) says more than the missing one (`hosts`).
  return problems
    .sort((a, b) => (a.position.line ?? 0) - (b.position.line ?? 0) || a.rank - b.rank || (a.position.column ?? 0) - (b.position.column ?? 0))
    .map(({ rank: _rank, ...p }) => p)
}

const rank: Record<string, number> = { additionalProperties: 0, required: 2 }

const rootLabels: Record<SchemaName, string> = {
  playbook: 'playbook',
  play: 'play',
  tasks: 'task file',
  task: 'task',
  block: 'block',
  'role-meta': 'role meta',
  'role-ref': 'role',
}

/** Throws a ConfigError for the first problem (the count of others in the message). */
export function validateSchema(name: SchemaName, data: unknown, map: SourceMap, label?: string): void {
  const problems = schemaProblems(name, data, map, label)
  if (problems.length === 0) return
  const [first] = problems
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''
  throw new ConfigError(first.message + more, first.position, first.hint)
}

function hasDeeper(errors: ErrorObject[], error: ErrorObject): boolean {
  return errors.some((e) => e !== error && e.instancePath.startsWith(error.instancePath + '/'))
}

function segments(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function resolve(data: unknown, path: string[]): unknown {
  let node = data
  for (const s of path) node = (node as Record<string, unknown>)?.[s]
  return node
}

const taskLists = new Set(['tasks', 'pre_tasks', 'post_tasks', 'block', 'rescue', 'always'])

/** 'play', 'task', 'block', 'handler', 'role', 'loop_control', … for the object at `path`. */
export function nodeKind(path: string[], node: unknown, rootLabel = 'file'): string {
  const last = path.at(-1)
  const parent = path.at(-2)
  if (last === undefined) return rootLabel
  if (!/^\d+$/.test(last)) return `'${last}'`
  if (parent === undefined) return 'play'
  if (node && typeof node === 'object' && 'block' in node) return 'block'
  if (parent === 'handlers') return 'handler'
  if (parent === 'roles') return 'role'
  if (parent === 'dependencies') return 'role dependency'
  return taskLists.has(parent) ? 'task' : 'item'
}

function named(node: unknown): string {
  const name = (node as { name?: unknown })?.name
  return typeof name === 'string' ? ` '${name}'` : ''
}

function toProblem(error: ErrorObject, data: unknown, map: SourceMap, label: string): Problem {
  const path = segments(error.instancePath)
  const node = resolve(data, path)
  const parentPath = path.slice(0, -1)
  const parent = resolve(data, parentPath)
  const key = path.at(-1)
  const keyPosition = key === undefined ? map.of(data) : map.key(parent, /^\d+$/.test(key) && Array.isArray(parent) ? Number(key) : key)
  const title = (error.parentSchema as { title?: string } | undefined)?.title
  const where = `${nodeKind(path, node, label)}${named(node)}`
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknown = (error.params as { additionalProperty: string }).additionalProperty
      const position = map.key(node, unknown)
      if (unknown in unsupportedKeywords) return { message: `'${unknown}' in ${where}: ${unsupportedKeywords[unknown]}`, position }
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {})
      const near = didYouMean(unknown, known)
      return { message: `unknown key '${unknown}' in ${where}`, position, hint: near ? `did you mean '${near}'?` : `valid keys: ${known.join(', ')}` }
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty
      return { message: `${where} needs key '${missing}'`, position: map.of(node) }
    }
    case 'propertyNames': {
      const bad = (error.params as { propertyName: string }).propertyName
      return { message: `invalid variable name '${bad}' in ${nodeKind(parentPath, parent, label)}${named(parent)} vars`, position: map.key(node, bad), hint: 'names are letters, digits and _' }
    }
    default: {
      const expected = title ? `must be ${title}` : ajvExpectation(error)
      const subject = key === undefined ? `the ${label}` : /^\d+$/.test(key) ? `item ${Number(key) + 1} of '${path.at(-2)}'` : `key '${key}'`
      const owner = key !== undefined && !/^\d+$/.test(key) ? ` in ${nodeKind(parentPath, parent, label)}${named(parent)}` : ''
      const m = typeof node === 'string' && taskLists.has(path.at(-2) ?? '') ? /^(\S+)\s+(.*)$/.exec(node) : null
      const hint = m ? `a task is a mapping: write '- ${m[1]}: ${m[2]}'` : undefined
      return { message: `${subject}${owner} ${expected}, got ${describe(node)}`, position: keyPosition, hint }
    }
  }
}

/** What ajv expected, as a phrase after the subject: "must be a list", "must be one of …". */
export function ajvExpectation(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>
  if (error.keyword === 'type') {
    const t = String(p.type).split(',')
    const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', boolean: 'a boolean', integer: 'a whole number', number: 'a number', null: 'empty' }
    return `must be ${t.map((x) => names[x] ?? x).join(' or ')}`
  }
  if (error.keyword === 'enum') return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
  return `is invalid (${error.message ?? error.keyword})`
}

let keywords: Set<string> | undefined
/** Task keywords (the task schema's properties): every other key of a task is its module. */
export function taskKeywords(): Set<string> {
  if (!keywords) {
    const schema = JSON.parse(readFileSync(new URL('task.schema.json', schemaDir), 'utf8')) as { properties: object }
    keywords = new Set(Object.keys(schema.properties))
  }
  return keywords
}
