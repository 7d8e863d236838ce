// lookup()/query()/q(): Ansible's Templar._lookup around the plugins (wantlist, errors=, joining).
import { type Kw, NEEDS_RT, type RtGlobal, pyfn } from '../callable.js'
import { JinjaError } from '../errors.js'
import { suggestion } from '../../../util/did-you-mean.js'
import type { Runtime } from '../runtime.js'
import { Undefined } from '../undefined.js'
import { fileLookups } from './files.js'
import { listLookups, varLookups } from './lists.js'

export type LookupPlugin = (terms: unknown[], rt: Runtime, kw: Kw) => unknown[]

export const lookups: Record<string, LookupPlugin> = { ...fileLookups, ...listLookups, ...varLookups }

const PREFIX = /^(?:ansible\.builtin|community\.general)\./

export class LookupError extends JinjaError {}

export function lookupGlobal(kind: 'lookup' | 'query'): RtGlobal {
  return { [NEEDS_RT]: (rt: Runtime) => pyfn(kind, (args: unknown[], kwIn: Kw) => runLookup(kind, rt, args, kwIn)) }
}

function runLookup(kind: 'lookup' | 'query', rt: Runtime, args: unknown[], kwIn: Kw): unknown {
  {
    const kw = { ...kwIn }
    const name = String(args[0])
    const plugin = lookups[name] ?? lookups[name.replace(PREFIX, '')]
    if (!plugin) {
      throw new JinjaError(`lookup plugin (${name}) not found`, 'lookup', undefined, undefined, suggestion(name, Object.keys(lookups)))
    }
    const wantlist = kind === 'query' || Boolean(kw.wantlist)
    const errors = kw.errors ?? 'strict'
    delete kw.wantlist
    delete kw.errors
    delete kw.allow_unsafe
    const terms = args.slice(1)
    for (const t of terms) if (t instanceof Undefined) t.fail()
    let ran: unknown[]
    try {
      ran = plugin(terms, rt, kw)
    } catch (e) {
      if (e instanceof JinjaError && e.kind === 'undefined') throw e
      const msg = e instanceof Error ? e.message : String(e)
      const text = e instanceof LookupError ? msg : `An unhandled exception occurred while running the lookup plugin '${name}'. Error was a ${e instanceof JinjaError ? e.kind : 'Error'}, original message: ${msg}`
      if (errors === 'warn') rt.options.lookups?.warn?.(text)
      else if (errors !== 'ignore') throw new JinjaError(text, 'lookup')
      return wantlist ? [] : null
    }
    if (!ran.length || wantlist) return ran
    if (ran.every((x) => typeof x === 'string')) return ran.join(',')
    return ran.length === 1 ? ran[0] : ran
  }
}
