// How template code calls JS: every callable value (Python methods, macros, globals like range/lookup)
// takes (positional args, keyword args). Filters and tests are plain functions bound by parameter name.
import { typeError } from './errors.js'

export type Kw = Record<string, unknown>
export type PyFn = ((args: unknown[], kw: Kw) => unknown) & { pyName?: string }

export function pyfn(name: string, fn: (args: unknown[], kw: Kw) => unknown): PyFn {
  const f = fn as PyFn
  f.pyName = name
  return f
}

/**
 * Binds positional and keyword arguments to `params` (Python-style names). A name starting with `*`
 * collects the remaining positional arguments; `**` collects the remaining keywords.
 */
export function bindArgs(fname: string, params: readonly string[], args: unknown[], kw: Kw): unknown[] {
  const out: unknown[] = []
  let ai = 0
  let restKw: Kw | undefined
  for (const p of params) {
    if (p.startsWith('**')) {
      restKw = {}
      out.push(restKw)
      continue
    }
    if (p.startsWith('*')) {
      out.push(args.slice(ai))
      ai = args.length
      continue
    }
    if (ai < args.length) {
      if (p in kw) throw typeError(`${fname}() got multiple values for argument '${p}'`)
      out.push(args[ai++])
    } else out.push(p in kw ? kw[p] : undefined)
  }
  if (ai < args.length) throw typeError(`${fname}() takes ${params.length} positional arguments but ${args.length} were given`)
  for (const k of Object.keys(kw)) {
    if (params.includes(k)) continue
    if (restKw) restKw[k] = kw[k]
    else throw typeError(`${fname}() got an unexpected keyword argument '${k}'`)
  }
  return out
}

/** A global that needs the current runtime (lookup, query): resolved per runtime. */
export const NEEDS_RT = Symbol('needs runtime')
export type RtGlobal = { [NEEDS_RT]: (rt: any) => PyFn }
