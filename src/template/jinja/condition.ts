// Ansible's Conditional: a `when:` string is templated once (for inline {{ }}), then evaluated inside
// `{% if ... %} True {% else %} False {% endif %}`. An undefined variable that the condition itself
// tests with `is defined`/`is undefined` decides the result instead of failing (2.14's rule).
import { JinjaError } from './errors.js'
import { truthy } from './py.js'
import type { Runtime } from './runtime.js'
import { templateString } from './template.js'
import { isTemplate } from './is-template.js'

const DEFINED_RE = /(hostvars\[.+\]|[\w_]+)\s+(not\s+is|is|is\s+not)\s+(defined|undefined)/
const UNDEF_NAME = /'(hostvars\[.+\]|[\w_]+)' is undefined/

const WARNING = 'conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: '

export function evaluateCondition(cond: string | boolean | number | null | undefined, rt: Runtime, warn?: (message: string) => void): boolean {
  if (cond === null || cond === undefined || cond === '') return true
  if (typeof cond === 'boolean') return cond
  if (typeof cond !== 'string') return truthy(cond)
  const original = cond
  if (warn && isTemplate(cond)) warn(WARNING + cond)
  try {
    const first = templateString(cond, rt, { convert: true })
    if (typeof first !== 'string' || first === '') return truthy(first)
    const presented = `{% if ${first} %} True {% else %} False {% endif %}`
    let val: unknown
    try {
      val = templateString(presented, rt, { convert: true })
    } catch (e) {
      if (e instanceof JinjaError && e.kind === 'syntax') {
        e.message = `template error while templating string: ${e.message}. String: ${presented}`
        e.text = presented
      }
      throw e
    }
    const s = String(val).trim()
    if (s === 'True') return true
    if (s === 'False') return false
    throw new JinjaError(`unable to evaluate conditional: ${original}`)
  } catch (e) {
    if (!(e instanceof JinjaError) || e.kind !== 'undefined') throw e
    const m = UNDEF_NAME.exec(e.message)
    if (m) {
      let rest = original
      for (let d = DEFINED_RE.exec(rest); d; d = DEFINED_RE.exec(rest)) {
        if (m[1].replace(/'/g, '"') === d[1].replace(/'/g, '"')) {
          const shouldExist = d[2].includes('not') !== (d[3] === 'defined')
          return !shouldExist
        }
        rest = rest.slice(d.index + d[0].length)
      }
    }
    e.message = `error while evaluating conditional (${original}): ${e.message}`
    throw e
  }
}
