// ansible_eval_concat's last step: a result that starts with [ or { (or is True/False) goes through
// ast.literal_eval, after JSON's true/false/null names are read as Python's True/False/None. The repo's
// Python literal parser (inventory/py-literal.ts) does literal_eval; this only maps the JSON names.
import { pyLiteral } from '../../inventory/py-literal.js'

const JSON_NAMES: Record<string, string> = { true: 'True', false: 'False', null: 'None' }

function mapJsonNames(s: string): string {
  if (!/\b(?:true|false|null)\b/.test(s)) return s
  let out = ''
  let i = 0
  while (i < s.length) {
    const c = s[i]
    if (c === '"' || c === "'") {
      const triple = s.startsWith(c.repeat(3), i)
      const q = triple ? c.repeat(3) : c
      let j = i + q.length
      while (j < s.length && !s.startsWith(q, j)) j += s[j] === '\\' ? 2 : 1
      out += s.slice(i, j + q.length)
      i = j + q.length
      continue
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i, i + 64))
    if (m) {
      out += JSON_NAMES[m[0]] ?? m[0]
      i += m[0].length
      continue
    }
    out += c
    i++
  }
  return out
}

/** The value Ansible's concat returns for the joined text `out`. */
export function literalEvalRule(out: string): unknown {
  if (out === 'True') return true
  if (out === 'False') return false
  const c = out[0]
  if (c !== '[' && c !== '{') return out
  const v = pyLiteral(mapJsonNames(out))
  return typeof v === 'string' && v === mapJsonNames(out) ? out : v
}
