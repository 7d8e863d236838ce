// ansible-doc's layouts for tsplay's modules: the page (`doc MODULE`), the list (`-l`), the snippet (`-s`)
// and JSON (`-j`). Types, defaults, choices, aliases and required come from the module's JSON Schema.
import type { ModuleDefinition } from '../modules/types.js'
import type { ModuleDoc } from '../modules/docs/index.js'

type Prop = { type?: string | string[]; enum?: unknown[]; default?: unknown; aliases?: string[]; items?: { type?: string } }

const TYPE_NAMES: Record<string, string> = { string: 'str', boolean: 'bool', integer: 'int', number: 'float', array: 'list', object: 'dict' }

export interface ArgInfo {
  name: string
  description: string
  type: string
  required: boolean
  default?: unknown
  choices?: unknown[]
  aliases?: string[]
  elements?: string
}

export function argInfo(def: ModuleDefinition<unknown>, doc: ModuleDoc): ArgInfo[] {
  const props = (def.schema.properties ?? {}) as Record<string, Prop>
  // requiredInRun: required arguments the module checks itself, to fail in Ansible's words (copy, fetch)
  const required = new Set([...((def.schema.required as string[] | undefined) ?? []), ...((def.schema.requiredInRun as string[] | undefined) ?? [])])
  return Object.entries(props)
    .map(([name, p]) => {
      const types = (Array.isArray(p.type) ? p.type : p.type ? [p.type] : p.enum ? ['string'] : ['raw']).map((t) => TYPE_NAMES[t] ?? t)
      const aliases = p.aliases?.filter((a) => !a.startsWith('_'))
      return {
        name,
        description: doc.args[name] ?? '',
        type: types.join(' or '),
        required: required.has(name),
        ...(p.default !== undefined ? { default: p.default } : {}),
        ...(p.enum ? { choices: p.enum } : {}),
        ...(aliases?.length ? { aliases } : {}),
        ...(p.items?.type ? { elements: TYPE_NAMES[p.items.type] ?? p.items.type } : {}),
      }
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
}

function wrap(text: string, indent: string, width = 78): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(indent + line)
  return lines
}

const show = (v: unknown) => (typeof v === 'string' ? (v === '\n' ? '\\n' : v === '\r\n' ? '\\r\\n' : v) : JSON.stringify(v))

export function formatPage(name: string, def: ModuleDefinition<unknown>, doc: ModuleDoc): string {
  const out = [`> ${name.toUpperCase()}    (tsplay built-in module)`, '', ...wrap(doc.description, '        '), '']
  if (def.freeForm) out.push(`  * note: free-form: \`${name}: ls -l\` sets its ${def.freeForm} argument.`, '')
  out.push('OPTIONS (= is mandatory):', '')
  const args = argInfo(def, doc)
  if (!args.length) out.push('  (none)', '')
  for (const a of args) {
    out.push(`${a.required ? '=' : '-'} ${a.name}`, ...wrap(a.description, '        '))
    if (a.aliases) out.push(`        aliases: [${a.aliases.join(', ')}]`)
    if (a.choices) out.push(`        choices: [${a.choices.map(show).join(', ')}]`)
    if (a.default !== undefined) out.push(`        default: ${show(a.default)}`)
    if (a.elements) out.push(`        elements: ${a.elements}`)
    out.push(`        type: ${a.type}`, '')
  }
  if (doc.notes?.length) out.push('NOTES:', ...doc.notes.flatMap((n) => wrap(n, '      * ')), '')
  out.push('EXAMPLES:', '', doc.examples.trimEnd(), '')
  return out.join('\n')
}

export function formatList(entries: Array<[string, ModuleDoc]>): string {
  const width = Math.max(...entries.map(([n]) => n.length)) + 2
  return entries.map(([n, d]) => `${n.padEnd(width)}${d.short}`).join('\n')
}

/** ansible-doc -s: a task skeleton with every argument and its description as a comment. */
export function formatSnippet(name: string, def: ModuleDefinition<unknown>, doc: ModuleDoc): string {
  const lines = [`- name: ${doc.short}`, `  ${name}:`]
  for (const a of argInfo(def, doc)) {
    const first = a.description.split(/(?<=\.)\s/)[0]
    lines.push(`    ${a.name}:${' '.repeat(Math.max(1, 24 - a.name.length))}# ${a.required ? '(required) ' : ''}${first}`)
  }
  return lines.join('\n')
}

export function docJson(name: string, def: ModuleDefinition<unknown>, doc: ModuleDoc): Record<string, unknown> {
  return { module: name, short_description: doc.short, description: doc.description, options: argInfo(def, doc), notes: doc.notes ?? [], examples: doc.examples }
}
