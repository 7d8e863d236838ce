// Handlebars syntax errors, with a hint when the file is written in Jinja2 (name it .j2 then).
import { TemplateError, type SourcePosition } from '../../errors.js'

/** A hint when an .hbs file is written in Jinja rather than Handlebars. */
export function jinjaHint(text: string): string | undefined {
  if (/\{%/.test(text)) return '.hbs files are Handlebars: use {{#if x}}…{{else}}…{{/if}} and {{#each xs}}…{{/each}}, or name the file .j2 for Jinja2'
  if (/\{\{[^}]*\|/.test(text) || /^[^{}]*\|\s*\w/.test(text))
    return ".hbs files are Handlebars: filters are prefix helpers, e.g. {{ default x 'a' }} for {{ x | default('a') }}, or name the file .j2 for Jinja2"
  if (/\{\{~?\s*\(/.test(text)) return 'a mustache cannot start with a subexpression: write {{ and a b }}, not {{ (and a b) }}'
  if (/\w\[\s*['"]/.test(text) || /\w\[\s*[A-Za-z_]/.test(text))
    return ".hbs files are Handlebars: index with a.[key] or a.0, and with a variable key use (lookup a key), e.g. (lookup hostvars inventory_hostname)"
  const infix = /(==|!=|>=|<=|\bis\s+(not\s+)?\w+)/.exec(text)
  if (infix) return '.hbs files are Handlebars: comparisons and tests are prefix helpers, e.g. (eq a b), (defined x), or name the file .j2 for Jinja2'
  return undefined
}

export function parseError(template: string, error: Error, where?: SourcePosition): TemplateError {
  // Handlebars: "Parse error on line 1:\n<text>\n---^\nExpecting 'ID', got 'EQUALS'"
  const lines = error.message.split('\n')
  const got = /got '(\w+)'/.exec(error.message)?.[1]
  const expecting = got ? `unexpected ${tokenNames[got] ?? got}` : (lines.at(-1) ?? error.message)
  // A whole template file has no line of its own: use the template's line.
  const line = Number(/on line (\d+)/.exec(error.message)?.[1])
  if (where && where.line === undefined && line) where = { file: where.file, line }
  const short = template.length > 80 ? template.slice(0, 77) + '...' : template
  const hint = jinjaHint(template) ?? 'a literal {{ is written \\{{ (e.g. docker --format \'\\{{.State.Running}}\')'
  return new TemplateError(`cannot parse template ${JSON.stringify(short)}: ${expecting}`, where, hint)
}

const tokenNames: Record<string, string> = {
  EQUALS: "'='",
  CLOSE_BLOCK_PARAMS: "'|'",
  INVALID: 'character',
  EOF: 'end of template (unclosed {{ or block?)',
  CLOSE: "'}}'",
  OPEN_SEXPR: "'('",
  CLOSE_SEXPR: "')'",
}

// Handlebars reads `list.0` as a path followed by a number; Ansible users write it for indexing.
// Rewrites `name.0` to `name.[0]` inside mustaches, leaving quoted strings and number literals alone.
const INDEX = /([A-Za-z_\]][\w\]-]*)\.(\d+)(?=$|[\s.)}~])/g

export function bracketIndexes(template: string): string {
  if (!/\.\d/.test(template)) return template
  return template.replace(/\{\{[\s\S]*?\}\}/g, (mustache) =>
    mustache
      .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(INDEX, '$1.[$2]')))
      .join(''),
  )
}
