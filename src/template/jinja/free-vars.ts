// What a template reads from outside: its free variables (not locals, loop variables or globals) and the
// lookup plugins it names literally (`lookup('env', …)`), for static checks.
import type { CallArgs, Expr, Stmt, Target } from './ast.js'
import { globals } from './globals.js'

export interface LookupCall {
  name: string
  pos: number
}

const LOOKUP_FUNCTIONS = new Set(['lookup', 'query', 'q'])

export function collectFreeVariables(stmts: Stmt[]): Set<string> {
  return analyze(stmts).variables
}

/** The free variables whose absence is an error: none that the template also reads under `default()` or tests with `is defined` (`x is defined and x.y`). */
export function collectRequiredVariables(stmts: Stmt[]): Set<string> {
  return analyze(stmts).required
}

// filters and tests under which an undefined value is expected, not an error
const LENIENT_FILTERS = new Set(['default', 'd'])
const LENIENT_TESTS = new Set(['defined', 'undefined', 'none'])

export function collectLookupCalls(stmts: Stmt[]): LookupCall[] {
  return analyze(stmts).lookups
}

function analyze(stmts: Stmt[]): { variables: Set<string>; required: Set<string>; lookups: LookupCall[] } {
  const read = new Set<string>()
  const required = new Set<string>()
  const guarded = new Set<string>()
  const lookups: LookupCall[] = []
  let lenient = 0
  const bound = new Set<string>(['loop', 'caller', 'varargs', 'kwargs'])
  const bind = (t: Target) => {
    if (t.t === 'name') bound.add(t.name)
    else if (t.t === 'tuple') t.items.forEach(bind)
  }
  const args = (a: CallArgs) => {
    a.args.forEach(expr)
    a.kwargs.forEach(([, v]) => expr(v))
    if (a.dynArgs) expr(a.dynArgs)
    if (a.dynKwargs) expr(a.dynKwargs)
  }
  const expr = (e: Expr | undefined): void => {
    if (!e) return
    switch (e.t) {
      case 'name': read.add(e.name); (lenient ? guarded : required).add(e.name); break
      case 'list': case 'tuple': case 'concat': e.items.forEach(expr); break
      case 'dict': e.pairs.forEach(([k, v]) => (expr(k), expr(v))); break
      case 'getattr': expr(e.obj); break
      case 'getitem': expr(e.obj); expr(e.arg); break
      case 'slice': expr(e.start); expr(e.stop); expr(e.step); break
      // a global called as a function (lookup(), range()) is not a variable; a bare `q` may be one
      case 'call':
        if (!(e.fn.t === 'name' && e.fn.name in globals)) expr(e.fn)
        else if (LOOKUP_FUNCTIONS.has(e.fn.name) && e.args[0]?.t === 'const' && typeof e.args[0].value === 'string') lookups.push({ name: e.args[0].value, pos: e.args[0].pos })
        args(e)
        break
      case 'filter': case 'test': {
        const tolerant = (e.t === 'filter' ? LENIENT_FILTERS : LENIENT_TESTS).has(e.name.replace(/^ansible\.builtin\./, ''))
        if (tolerant) lenient++
        expr(e.node)
        if (tolerant) lenient--
        args(e)
        break
      }
      case 'cond': expr(e.test); expr(e.then); expr(e.else); break
      case 'bin': case 'and': case 'or': expr(e.left); expr(e.right); break
      case 'unary': expr(e.node); break
      case 'compare': expr(e.expr); e.ops.forEach((o) => expr(o.expr)); break
    }
  }
  const body = (ss: Stmt[]) => ss.forEach(stmt)
  const stmt = (s: Stmt): void => {
    switch (s.t) {
      case 'output': expr(s.expr); break
      case 'if': s.branches.forEach((b) => (expr(b.test), body(b.body))); if (s.else) body(s.else); break
      case 'for': expr(s.iter); bind(s.target); expr(s.filter); body(s.body); if (s.else) body(s.else); break
      case 'set': expr(s.expr); bind(s.target); break
      case 'setblock': body(s.body); bind(s.target); break
      case 'macro': bound.add(s.name); s.params.forEach((p) => bound.add(p)); s.defaults.forEach(expr); body(s.body); break
      case 'callblock': s.params.forEach((p) => bound.add(p)); expr(s.call); body(s.body); break
      case 'filterblock': body(s.body); break
      case 'include': case 'extends': expr(s.template); break
      case 'import': expr(s.template); bound.add(s.target); break
      case 'fromimport': expr(s.template); s.names.forEach(([, as]) => bound.add(as)); break
      case 'with': s.targets.forEach(([t, e]) => (expr(e), bind(t))); body(s.body); break
      case 'block': body(s.body); break
    }
  }
  body(stmts)
  for (const b of bound) (read.delete(b), required.delete(b))
  for (const g of guarded) required.delete(g)
  return { variables: read, required, lookups }
}
