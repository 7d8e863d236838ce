// Loop values → the list of items. `loop:` takes a list. `with_<name>:` is Ansible's lookup plugin
// <name> run over the loop's terms (with_items, with_dict, with_sequence, with_subelements, with_fileglob…):
// the same plugins lookup() and query() call.
import { TemplateError } from '../errors.js'
import { queryLookup, render, renderValue, type RenderContext } from '../template/index.js'
import { describe } from '../util/describe.js'

/** The items of a rendered loop value. `kind` is task.loop_with (undefined for `loop:`). */
export function expandLoop(value: unknown, kind: string | undefined, vars: Record<string, unknown>, ctx: RenderContext = {}): unknown[] {
  if (kind === undefined) {
    if (Array.isArray(value)) return value
    throw new TemplateError(`loop needs a list, got ${describe(value)}`, ctx.where, typeof value === 'string' ? "split a string with \"{{ s.split(',') }}\"" : undefined)
  }
  // Ansible's listify_lookup_plugin_terms: a string or a mapping is one term
  const terms = Array.isArray(value) ? value : [value]
  return queryLookup(kind, terms, vars, ctx)
}

/**
 * A task's loop, templated and expanded: the items it runs over. with_first_found templates its terms
 * leniently, as Ansible does: a candidate naming an undefined variable is left out, not an error.
 */
export function loopItems(loop: unknown, kind: string | undefined, vars: Record<string, unknown>, ctx: RenderContext = {}): unknown[] {
  if (kind === 'first_found' && Array.isArray(loop)) return expandLoop(loop.flatMap((term) => lenient(term, vars, ctx)), kind, vars, ctx)
  return expandLoop(renderValue(loop, vars, ctx), kind, vars, ctx)
}

function lenient(term: unknown, vars: Record<string, unknown>, ctx: RenderContext): unknown[] {
  try {
    return [renderValue(term, vars, ctx)]
  } catch (error) {
    if (error instanceof TemplateError && error.variable !== undefined) return []
    throw error
  }
}

/** loop_control's loop_var and index_var (item and none by default); either may be a template. */
export function loopNames(control: { loop_var?: string; index_var?: string } | undefined, vars: Record<string, unknown>, ctx: RenderContext = {}): { loopVar: string; indexVar?: string } {
  const name = (v: string | undefined) => (v === undefined ? undefined : render(v, vars, ctx))
  return { loopVar: name(control?.loop_var) ?? 'item', indexVar: name(control?.index_var) }
}
