// Loop values → the list of items, for `loop:` and the `with_<kind>:` forms (Ansible's lookup plugins).
import { TemplateError, type SourcePosition } from '../errors.js'
import { describe } from '../util/describe.js'
import type { LoopWith } from './model.js'

function asList(value: unknown, what: string, where?: SourcePosition): unknown[] {
  if (Array.isArray(value)) return value
  throw new TemplateError(`${what} needs a list, got ${describe(value)}`, where, typeof value === 'string' ? 'split a string with (split s ",")' : undefined)
}

function flatten(xs: unknown[], depth: number): unknown[] {
  return xs.flatMap((x) => (Array.isArray(x) && depth > 0 ? flatten(x, depth - 1) : [x]))
}

/** The items of a rendered loop value. `kind` is task.loop_with (undefined for `loop:`). */
export function expandLoop(value: unknown, kind?: LoopWith, where?: SourcePosition): unknown[] {
  switch (kind) {
    case undefined:
      return asList(value, 'loop', where)
    case 'list':
      return asList(value, 'with_list', where)
    case 'items':
      return flatten(Array.isArray(value) ? value : [value], 1)
    case 'flattened':
      return flatten(asList(value, 'with_flattened', where), Infinity)
    case 'indexed_items':
      return flatten(asList(value, 'with_indexed_items', where), 1).map((x, i) => [i, x])
    case 'dict': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new TemplateError(`with_dict needs a dict, got ${describe(value)}`, where)
      return Object.entries(value).map(([key, v]) => ({ key, value: v }))
    }
    case 'together': {
      const lists = asList(value, 'with_together', where).map((l) => asList(l, 'with_together item', where))
      const n = Math.max(0, ...lists.map((l) => l.length))
      return Array.from({ length: n }, (_, i) => lists.map((l) => (i < l.length ? l[i] : null)))
    }
    case 'nested': {
      const lists = asList(value, 'with_nested', where).map((l) => asList(l, 'with_nested item', where))
      return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((prefix) => l.map((x) => [...prefix, x])), [[]])
    }
  }
}
