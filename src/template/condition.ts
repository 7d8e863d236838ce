// Conditions: `when`, `changed_when`, `failed_when`, `until`.
//
// A condition is a Handlebars expression, written with or without the braces:
//   when: enabled                          a variable (Ansible truthiness: yes/true/on/1 vs no/false/off/0/'')
//   when: not skip_etcd                    a helper call
//   when: eq result.rc 0                   ≡ Jinja `result.rc == 0`
//   when: (and (defined port) (gt port 1024))
//   when: succeeded result                 ≡ Jinja `result is succeeded`
//   when: "{{ in inventory_hostname groups.[etcd] }}"
//   when: [a, (not b)]                     a list: every item must hold (Ansible's AND)
//   when: and (defined x) (eq x.rc 0)      `and`/`or`/`ternary` short-circuit: x.rc is not read when x is undefined
// A condition written in Jinja's infix form (`result.rc == 0`, `x is defined`, `x | bool`) is rejected
// with the Handlebars spelling as the hint.
import { TemplateError } from '../errors.js'
import { evaluate, type RenderContext } from './engine.js'
import { helpers, truthy } from './helpers.js'

const infix: Record<string, string> = { '==': 'eq', '!=': 'ne', '<': 'lt', '>': 'gt', '<=': 'lte', '>=': 'gte', in: 'in' }

/** Splits at top-level spaces, keeping quoted strings and (sub expressions) whole. */
function tokens(expression: string): string[] {
  const out: string[] = []
  let current = ''
  let depth = 0
  let quote = ''
  for (const c of expression) {
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (/\s/.test(c) && depth === 0) {
      if (current) out.push(current)
      current = ''
      continue
    }
    current += c
  }
  if (current) out.push(current)
  return out
}

// groups['etcd'][0] → groups.[etcd].0
function jinjaPath(token: string): string {
  return token.replace(/\[\s*(['"])(.*?)\1\s*\]/g, '.[$2]').replace(/\[(\d+)\]/g, '.$1')
}

/** The Handlebars spelling of a Jinja-style condition, or undefined when it is not Jinja-style. */
export function jinjaCondition(expression: string): string | undefined {
  const t = tokens(expression).map(jinjaPath)
  if (t.length < 2 || t[0] in helpers || t[0].startsWith('(')) return undefined
  if (t.length === 3 && t[1] in infix) return `${infix[t[1]]} ${t[0]} ${t[2]}`
  if (t.length === 3 && t[1] === 'is') return `${t[2]} ${t[0]}`
  if (t.length === 4 && t[1] === 'is' && t[2] === 'not') return t[3] === 'defined' ? `undefined ${t[0]}` : `not (${t[3]} ${t[0]})`
  if (t.length === 4 && t[1] === 'not' && t[2] === 'in') return `not (in ${t[0]} ${t[3]})`
  if (t.length === 3 && t[1] === '|') return `${t[2]} ${t[0]}`
  return '(helper args…) in prefix form, e.g. (and (eq a 1) (not b))'
}

/** Evaluates a condition (string, boolean, number or list of them) to a boolean. */
export function evaluateCondition(condition: unknown, vars: Record<string, unknown>, ctx: RenderContext = {}): boolean {
  if (Array.isArray(condition)) return condition.every((c) => evaluateCondition(c, vars, ctx))
  if (typeof condition !== 'string') return truthy(condition)
  return truthy(evaluate(conditionTemplate(condition, ctx), vars, ctx))
}

/** The template a condition string evaluates as; throws on Jinja-style infix conditions. */
export function conditionTemplate(condition: string, ctx: RenderContext = {}): string {
  const text = condition.trim()
  if (text.includes('{{')) return text
  const bare = unwrap(text)
  if (bare === '') throw new TemplateError('empty condition', ctx.where)
  const spelling = jinjaCondition(bare)
  if (spelling !== undefined) {
    throw new TemplateError(`condition '${text}' is Jinja syntax; tsplay conditions are Handlebars expressions`, ctx.where, `write: ${spelling}`)
  }
  return `{{ ${bare} }}`
}

// `(and a b)` → `and a b`: Handlebars does not accept a bare subexpression as a whole mustache.
function unwrap(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0 && i < text.length - 1) return text
  }
  return unwrap(text.slice(1, -1).trim())
}
