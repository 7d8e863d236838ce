// Template syntax errors, with hints for the Jinja habits Ansible users bring along.
import { TemplateError, type SourcePosition } from '../errors.js'

/** A hint when a template or condition is written in Jinja rather than Handlebars. */
export function jinjaHint(text: string): string | undefined {
  if (/\{%/.test(text)) return 'tsplay templates are Handlebars: use {{#if x}}…{{else}}…{{/if}} and {{#each xs}}…{{/each}} instead of {% %}'
  if (/\{\{[^}]*\|/.test(text) || /^[^{}]*\|\s*\w/.test(text))
    return "tsplay templates are Handlebars: filters are prefix helpers, e.g. {{ default x 'a' }} for {{ x | default('a') }}"
  if (/\{\{~?\s*\(/.test(text)) return 'a mustache cannot start with a subexpression: write {{ and a b }}, not {{ (and a b) }}'
  const infix = /(==|!=|>=|<=|\bis\s+(not\s+)?\w+)/.exec(text)
  if (infix) return 'tsplay templates are Handlebars: comparisons and tests are prefix helpers, e.g. (eq a b), (defined x)'
  return undefined
}

export function parseError(template: string, error: Error, where?: SourcePosition): TemplateError {
  // Handlebars: "Parse error on line 1:\n<text>\n---^\nExpecting 'ID', got 'EQUALS'"
  const lines = error.message.split('\n')
  const got = /got '(\w+)'/.exec(error.message)?.[1]
  const expecting = got ? `unexpected ${tokenNames[got] ?? got}` : (lines.at(-1) ?? error.message)
  const short = template.length > 80 ? template.slice(0, 77) + '...' : template
  return new TemplateError(`cannot parse template ${JSON.stringify(short)}: ${expecting}`, where, jinjaHint(template))
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
