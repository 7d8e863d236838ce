// The schemas for editors (schemas/editor/*.json): playbook.json and tasks.json, each self-contained
// (every schema of schemas/ inlined under definitions, only `#/…` references left, so an editor or a
// validator needs no other file and fetches nothing) with a stable $id, and with each module's
// arguments (types, defaults, choices, aliases, descriptions from tsplay doc) under its name, so an
// editor completes and checks module arguments too.
//   npm run schemas (scripts/write-editor-schemas.ts) rewrites them; a unit test compares them with these.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { moduleDocs } from '../src/modules/docs/index.js'
import { modules, type ModuleName } from '../src/modules/index.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

export const SCHEMA_DIR = fileURLToPath(new URL('../schemas/', import.meta.url))
const FILES = ['defs', 'task', 'block', 'tasks', 'role-ref', 'role-meta', 'play', 'playbook']
export const EDITOR_IDS = { playbook: 'urn:tsplay:schema:playbook:1', tasks: 'urn:tsplay:schema:tasks:1' } as const
const TEMPLATE = { $ref: '#/definitions/defs/definitions/template' }

/** `x.schema.json#/definitions/y` → `#/definitions/x/definitions/y`; `#/definitions/y` inside file x likewise. */
function rewriteRefs(node: unknown, file: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, file))
  if (node === null || typeof node !== 'object') return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id' || key === '$schema') continue
    if (key === '$ref' && typeof value === 'string') {
      const [target, pointer = ''] = value.split('#')
      const name = target ? target.replace(/\.schema\.json$/, '') : file
      out.$ref = `#/definitions/${name}${pointer}`
    } else out[key] = rewriteRefs(value, file)
  }
  return out
}

/** One argument as an editor should accept it: its type, or a template; yes/no for booleans, digits for numbers. */
function editorArg(prop: Json, description: string): Json {
  const { aliases: _aliases, ...own } = prop
  const types: string[] = Array.isArray(own.type) ? own.type : own.type ? [own.type] : []
  const alternatives: Json[] = [types.includes('boolean') ? { $ref: '#/definitions/defs/definitions/boolish' } : own, TEMPLATE]
  if (types.some((t) => t === 'integer' || t === 'number') && !types.includes('string')) alternatives.push({ type: 'string', pattern: '^\\s*[-+]?\\d+(\\.\\d+)?\\s*$' })
  if (types.includes('array') && !types.includes('string')) alternatives.push({ type: 'string', description: 'comma-separated' })
  return { description, ...(own.default !== undefined ? { default: own.default } : {}), anyOf: alternatives }
}

function moduleSchema(name: ModuleName): Json {
  const schema = modules[name].schema as Json
  const doc = moduleDocs[name]
  const properties: Json = {}
  for (const [arg, prop] of Object.entries<Json>(schema.properties ?? {})) {
    properties[arg] = editorArg(prop, doc.args[arg] ?? '')
    for (const alias of (prop.aliases ?? []).filter((a: string) => !a.startsWith('_'))) {
      properties[alias] = editorArg(prop, `alias of ${arg}: ${doc.args[arg] ?? ''}`)
    }
  }
  return { type: 'object', description: `${doc.short} (tsplay doc ${name})`, properties, ...(schema.additionalProperties === false ? { additionalProperties: false } : {}) }
}

export function buildEditorSchemas(): { playbook: Json; tasks: Json } {
  const definitions: Json = {}
  for (const file of FILES) definitions[file] = rewriteRefs(JSON.parse(readFileSync(`${SCHEMA_DIR}${file}.schema.json`, 'utf8')), file)
  const moduleProps: Json = {}
  for (const name of Object.keys(modules).sort() as ModuleName[]) {
    definitions[`module_${name}`] = moduleSchema(name)
    // `ping:` (null), `copy: src=a dest=b` and free-form command lines are strings
    const value = { description: moduleDocs[name].short, anyOf: [{ type: 'null' }, { type: 'string' }, { $ref: `#/definitions/module_${name}` }] }
    moduleProps[name] = value
    moduleProps[`ansible.builtin.${name}`] = value
  }
  definitions.task.properties = { ...definitions.task.properties, ...moduleProps }
  const root = (id: string, title: string, of: string) => ({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: id,
    title,
    allOf: [{ $ref: `#/definitions/${of}` }],
    definitions,
  })
  return {
    playbook: root(EDITOR_IDS.playbook, 'tsplay playbook (a list of plays)', 'playbook'),
    tasks: root(EDITOR_IDS.tasks, "tsplay task file (a role's tasks/ or handlers/, an imported task list)", 'tasks'),
  }
}

export function editorSchemaText(schema: Json): string {
  return JSON.stringify(schema, null, 1) + '\n'
}
