// Templar.is_template: a value (or something inside it) holds a complete template tag.
import { tokenize } from './lexer.js'
import { isDict } from './py.js'
import { isPossiblyTemplate } from './template.js'

/** Templar.is_template: the value (or something inside it) contains a complete template tag. */
export function isTemplate(value: unknown): boolean {
  if (typeof value === 'string') {
    if (!isPossiblyTemplate(value)) return false
    try {
      return tokenize(value, { trimBlocks: true, lstripBlocks: false }).some((t) => t.type === 'var_begin' || t.type === 'block_begin') || /\{#[\s\S]*#\}/.test(value)
    } catch {
      return false
    }
  }
  if (Array.isArray(value)) return value.some(isTemplate)
  if (isDict(value)) return Object.keys(value).some((k) => isTemplate(k) || isTemplate(value[k]))
  return false
}
