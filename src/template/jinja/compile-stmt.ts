// Statements compile into closures writing to an output array (values, not yet strings: Ansible's
// concat decides how they join).
import type { FilterCall, MacroSig, Stmt, Target } from './ast.js'
import { type Kw, pyfn } from './callable.js'
import { compileArgs, compileExpr, applyFilter, type Ev } from './compile-expr.js'
import { JinjaError, SyntaxErr, typeError } from './errors.js'
import { LoopContext, Namespace, loopValue } from './loop.js'
import { MISSING } from './py-methods.js'
import { iterate, str, truthy, tuple } from './py.js'
import { filters, findFilter, nearest } from './registry.js'
import { type Frame, type Locals, type PyObject, finalize } from './runtime.js'
import { Undefined } from './undefined.js'
import { compileInclude, renderCompiled } from './compile-include.js'
import { SKIP_BLOCKS, type CompiledTemplate, type Loader, type Sx } from './compile-types.js'
export { renderCompiled, SKIP_BLOCKS, type CompiledTemplate, type Loader, type Sx }

const STRING_TYPE_FILTERS = new Set(['string', 'to_json', 'to_nice_json', 'to_yaml', 'to_nice_yaml', 'ppretty', 'json'])

/** Ansible's NativeJinjaText: a filter's string result that the concat step returns as is. */
export class NativeText {
  constructor(readonly text: string) {}
  pyStr(): string {
    return this.text
  }
}

export function assign(l: Locals, t: Target, v: unknown): void {
  if (t.t === 'name') l[t.name] = v
  else if (t.t === 'tuple') {
    const items = iterate(v)
    if (items.length !== t.items.length) throw typeError(`${items.length > t.items.length ? 'too many' : 'not enough'} values to unpack (expected ${t.items.length}, got ${items.length})`)
    t.items.forEach((sub, i) => assign(l, sub, items[i]))
  } else {
    const ns = t.name in l ? l[t.name] : undefined
    if (!(ns instanceof Namespace)) throw typeError('cannot assign attribute on non-namespace object')
    ns.attrs[t.attr] = v
  }
}

function filterChain(chain: FilterCall[]): (f: Frame, v: unknown) => unknown {
  const steps = chain.map((c) => {
    const def = findFilter(c.name)
    if (!def) throw new SyntaxErr(`No filter named '${c.name}'.`, c.pos, nearest(c.name, filters))
    return { def, name: c.name, args: compileArgs(c) }
  })
  return (f, v) => {
    for (const s of steps) {
      const [a, kw] = s.args(f)
      v = applyFilter(s.def, s.name, f, v, a, kw)
    }
    return v
  }
}

const plainJoin = (out: unknown[]) => out.map((v) => str(v)).join('')

function makeMacro(name: string, sig: MacroSig, body: Sx, defFrame: Frame, isCaller = false) {
  const defaults = sig.defaults.map((d) => (d ? compileExpr(d) : undefined))
  const macro = pyfn(name, (args: unknown[], kw: Kw) => {
    const l: Locals = Object.create(defFrame.l)
    const f: Frame = { ...defFrame, l }
    sig.params.forEach((p, i) => {
      if (i < args.length) l[p] = args[i]
      else if (p in kw) l[p] = kw[p]
      else if (defaults[i]) l[p] = defaults[i]!(f)
      else l[p] = new Undefined(p, undefined, false, p, `parameter '${p}' was not provided`)
    })
    const extraKw: Kw = {}
    for (const k of Object.keys(kw)) if (!sig.params.includes(k) && k !== 'caller') extraKw[k] = kw[k]
    l.varargs = tuple(args.slice(sig.params.length))
    l.kwargs = extraKw
    if ('caller' in kw) l.caller = kw.caller
    else if (!isCaller && !('caller' in l)) l.caller = new Undefined('caller')
    const out: unknown[] = []
    body(f, out)
    return defFrame.concat(out)
  }) as ReturnType<typeof pyfn> & PyObject
  macro.pyGet = (attr: string) => (attr === 'name' ? name : attr === 'arguments' ? tuple([...sig.params]) : MISSING)
  return macro
}

export function compileBody(stmts: Stmt[], blocks: Record<string, Sx>): Sx {
  const parts = stmts.map((s) => compileStmt(s, blocks))
  if (parts.length === 1) return parts[0]
  return (f, out) => {
    for (const p of parts) p(f, out)
  }
}

function compileStmt(s: Stmt, blocks: Record<string, Sx>): Sx {
  switch (s.t) {
    case 'data': {
      const text = s.text
      return (_f, out) => void out.push(text)
    }
    case 'output': {
      const ev = compileExpr(s.expr)
      const p = s.pos
      // Ansible marks these filters' results as text that literal_eval must not touch
      const native = s.expr.t === 'filter' && STRING_TYPE_FILTERS.has(s.expr.name)
      return (f, out) => {
        const v = ev(f)
        try {
          out.push(native && typeof v === 'string' ? new NativeText(v) : finalize(v))
        } catch (e) {
          if (e instanceof JinjaError && e.pos === undefined) e.pos = p
          throw e
        }
      }
    }
    case 'if': {
      const branches = s.branches.map((b) => [compileExpr(b.test), compileBody(b.body, blocks)] as const)
      const els = s.else ? compileBody(s.else, blocks) : undefined
      const p = s.pos
      return (f, out) => {
        for (const [test, body] of branches) {
          let ok: boolean
          try {
            ok = truthy(test(f))
          } catch (e) {
            if (e instanceof JinjaError && e.pos === undefined) e.pos = p
            throw e
          }
          if (ok) return body(f, out)
        }
        if (els) els(f, out)
      }
    }
    case 'for': {
      const iter = compileExpr(s.iter)
      const body = compileBody(s.body, blocks)
      const els = s.else ? compileBody(s.else, blocks) : undefined
      const filter = s.filter ? compileExpr(s.filter) : undefined
      const target = s.target
      const recursive = s.recursive
      const p = s.pos
      const run = (f: Frame, out: unknown[], value: unknown, depth: number): void => {
        let items: unknown[]
        try {
          if (value instanceof Undefined) value.fail()
          items = iterate(value)
        } catch (e) {
          if (e instanceof JinjaError && e.pos === undefined) e.pos = p
          throw e
        }
        const l: Locals = Object.create(f.l)
        const lf: Frame = { ...f, l }
        if (filter) {
          items = items.filter((it) => {
            assign(l, target, it)
            return truthy(filter(lf))
          })
        }
        if (!items.length) {
          if (els) els(f, out)
          return
        }
        const recurse = recursive
          ? pyfn('loop', (args) => {
              const sub: unknown[] = []
              run(f, sub, args[0], depth + 1)
              return plainJoin(sub)
            })
          : undefined
        const ctx = new LoopContext(items, depth, recurse)
        const lv = loopValue(ctx)
        for (let i = 0; i < items.length; i++) {
          ctx.index0 = i
          // a fresh scope per iteration: what the body sets does not survive into the next one
          const il: Locals = Object.create(f.l)
          assign(il, target, items[i])
          il.loop = lv
          body({ ...f, l: il }, out)
        }
      }
      return (f, out) => run(f, out, iter(f), 0)
    }
    case 'set': {
      const ev = compileExpr(s.expr)
      const target = s.target
      return (f) => assign(f.l, target, ev(f))
    }
    case 'setblock': {
      const body = compileBody(s.body, blocks)
      const chain = filterChain(s.filters)
      const target = s.target
      return (f) => {
        const buf: unknown[] = []
        body(f, buf)
        assign(f.l, target, chain(f, f.concat(buf)))
      }
    }
    case 'macro': {
      const body = compileBody(s.body, blocks)
      const sig = { params: s.params, defaults: s.defaults }
      const name = s.name
      return (f) => {
        f.l[name] = makeMacro(name, sig, body, f)
      }
    }
    case 'callblock': {
      const body = compileBody(s.body, blocks)
      const sig = { params: s.params, defaults: s.defaults }
      const call = s.call
      if (call.t !== 'call') throw new SyntaxErr('expected call', s.pos)
      const fn = compileExpr(call.fn)
      const args = compileArgs(call)
      return (f, out) => {
        const caller = makeMacro('caller', sig, body, f, true)
        const [a, kw] = args(f)
        const m = fn(f)
        if (typeof m !== 'function') throw typeError(`'${str(m)}' object is not callable`)
        out.push(finalize((m as (a: unknown[], k: Kw) => unknown)(a, { ...kw, caller })))
      }
    }
    case 'filterblock': {
      const body = compileBody(s.body, blocks)
      const chain = filterChain(s.filters)
      return (f, out) => {
        const buf: unknown[] = []
        body(f, buf)
        out.push(finalize(chain(f, plainJoin(buf))))
      }
    }
    case 'with': {
      const targets = s.targets.map(([t, e]) => [t, compileExpr(e)] as const)
      const body = compileBody(s.body, blocks)
      return (f, out) => {
        const l: Locals = Object.create(f.l)
        const vals = targets.map(([, e]) => e(f))
        targets.forEach(([t], i) => assign(l, t, vals[i]))
        body({ ...f, l }, out)
      }
    }
    case 'block': {
      const body = compileBody(s.body, blocks)
      blocks[s.name] = body
      const name = s.name
      return (f, out) => {
        if (f.blocks === SKIP_BLOCKS) return
        const own = f.blocks?.[name] as Sx | undefined
        if (!own || own === body) return body(f, out)
        // the child's block, with super() rendering this (the parent's) one
        const l: Locals = Object.create(f.l)
        l.super = pyfn('super', () => {
          const buf: unknown[] = []
          body(f, buf)
          return plainJoin(buf)
        })
        own({ ...f, l }, out)
      }
    }
    case 'extends':
      return () => {
        throw new JinjaError('extends must be the first tag of a template', 'syntax', s.pos)
      }
    case 'include':
    case 'import':
    case 'fromimport':
      return compileInclude(s)
  }
}

