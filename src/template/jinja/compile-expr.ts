// Expressions compile once into closures over a Frame; evaluation is a tree of direct calls.
import type { CallArgs, Expr } from './ast.js'
import { bindArgs, type Kw, type PyFn } from './callable.js'
import { JinjaError, SyntaxErr, typeError } from './errors.js'
import { add, div, floordiv, mod, mul, neg, pos as unaryPos, pow, sub } from './py-ops.js'
import { cmp, contains, eq, isDict, iterate, str, truthy, tuple, typeName } from './py.js'
import { filters, findFilter, findTest, nearest, tests, type FilterDef } from './registry.js'
import { type Frame, Slice, getattr, getitem } from './runtime.js'
import { LenientUndefined, Undefined } from './undefined.js'

export type Ev = (f: Frame) => unknown

/** A readable path for an expression (`a.b['c'][0]`), for undefined-variable errors. */
export function pathOf(e: Expr): string | undefined {
  if (e.t === 'name') return e.name
  if (e.t === 'getattr') {
    const p = pathOf(e.obj)
    return p === undefined ? undefined : `${p}.${e.attr}`
  }
  if (e.t === 'getitem' && e.arg.t === 'const' && (typeof e.arg.value === 'string' || typeof e.arg.value === 'number')) {
    const p = pathOf(e.obj)
    if (p === undefined) return undefined
    return typeof e.arg.value === 'number' ? `${p}[${e.arg.value}]` : `${p}['${e.arg.value}']`
  }
  return undefined
}

/** Runs `fn`, giving an error without a position the position of this node. */
function at<T>(pos: number, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof JinjaError) {
      if (e.pos === undefined) e.pos = pos
      throw e
    }
    throw wrapError(e, pos)
  }
}

export function wrapError(e: unknown, pos?: number): JinjaError {
  if (e instanceof JinjaError) return e
  const msg = e instanceof Error ? e.message : String(e)
  if (e instanceof RangeError && /call stack/.test(msg)) return new JinjaError('recursive loop detected in template', 'recursion', pos)
  return new JinjaError(msg, 'error', pos)
}

export function compileArgs(a: CallArgs): (f: Frame) => [unknown[], Kw] {
  const args = a.args.map(compileExpr)
  const kws = a.kwargs.map(([k, v]) => [k, compileExpr(v)] as const)
  const dyn = a.dynArgs && compileExpr(a.dynArgs)
  const dynKw = a.dynKwargs && compileExpr(a.dynKwargs)
  if (!kws.length && !dyn && !dynKw) {
    if (args.length === 0) return () => [[], {}]
    return (f) => [args.map((x) => x(f)), {}]
  }
  return (f) => {
    const vals = args.map((x) => x(f))
    if (dyn) vals.push(...iterate(dyn(f)))
    const kw: Kw = {}
    for (const [k, v] of kws) kw[k] = v(f)
    if (dynKw) {
      const d = dynKw(f)
      if (isDict(d)) Object.assign(kw, d)
    }
    return [vals, kw]
  }
}

/** Calls a template-callable value. */
export function callValue(fn: unknown, args: unknown[], kw: Kw): unknown {
  if (fn instanceof Undefined) return fn.fail()
  if (typeof fn !== 'function') throw typeError(`'${typeName(fn)}' object is not callable`)
  const r = (fn as PyFn)(args, kw)
  return r === undefined ? null : r
}

export function applyFilter(def: FilterDef, name: string, f: Frame, v: unknown, args: unknown[], kw: Kw): unknown {
  if (!def.lazy) {
    if (v instanceof Undefined && v.strict) v.fail()
    for (const a of args) if (a instanceof Undefined) a.fail()
  }
  return def.fn(f.rt, v, ...bindArgs(name, def.params, args, kw))
}

export function compileExpr(e: Expr): Ev {
  switch (e.t) {
    case 'const': {
      const v = e.value
      return () => v
    }
    case 'name': {
      const name = e.name
      const p = e.pos
      return (f) => {
        const l = f.l
        if (name in l) return l[name]
        const v = f.rt.resolve(name)
        if (v instanceof Undefined && v.pos === undefined) v.pos = p
        return v
      }
    }
    case 'list': {
      const items = e.items.map(compileExpr)
      return (f) => items.map((x) => x(f))
    }
    case 'tuple': {
      const items = e.items.map(compileExpr)
      return (f) => tuple(items.map((x) => x(f)))
    }
    case 'dict': {
      const pairs = e.pairs.map(([k, v]) => [compileExpr(k), compileExpr(v)] as const)
      return (f) => {
        const d: Record<string, unknown> = {}
        for (const [k, v] of pairs) {
          const key = k(f)
          if (key instanceof Undefined) key.fail()
          if (Array.isArray(key) || isDict(key)) throw typeError(`unhashable type: '${typeName(key)}'`)
          d[typeof key === 'string' ? key : str(key)] = v(f)
        }
        return d
      }
    }
    case 'getattr': {
      const obj = compileExpr(e.obj)
      const attr = e.attr
      const path = pathOf(e)
      const p = e.pos
      return (f) => {
        const o = obj(f)
        const v = getattr(f.rt, o, attr, path)
        if (v instanceof Undefined && v !== o && v.pos === undefined) v.pos = p
        return v
      }
    }
    case 'getitem': {
      const obj = compileExpr(e.obj)
      const arg = compileExpr(e.arg)
      const path = pathOf(e)
      const p = e.pos
      return (f) => {
        const o = obj(f)
        const v = at(p, () => getitem(f.rt, o, arg(f), path))
        if (v instanceof Undefined && v !== o && v.pos === undefined) v.pos = p
        return v
      }
    }
    case 'slice': {
      const a = e.start ? compileExpr(e.start) : () => null
      const b = e.stop ? compileExpr(e.stop) : () => null
      const c = e.step ? compileExpr(e.step) : () => null
      return (f) => new Slice(a(f), b(f), c(f))
    }
    case 'call': {
      const fn = compileExpr(e.fn)
      const args = compileArgs(e)
      const p = e.pos
      return (f) => {
        const callee = fn(f)
        const [a, kw] = args(f)
        return at(p, () => callValue(callee, a, kw))
      }
    }
    case 'filter': {
      const def = findFilter(e.name)
      if (!def) throw new SyntaxErr(`No filter named '${e.name}'.`, e.pos, nearest(e.name, filters))
      const node = compileExpr(e.node)
      const args = compileArgs(e)
      const name = e.name
      const p = e.pos
      return (f) => {
        const v = node(f)
        const [a, kw] = args(f)
        return at(p, () => applyFilter(def, name, f, v, a, kw))
      }
    }
    case 'test': {
      const def = findTest(e.name)
      if (!def) throw new SyntaxErr(`No test named '${e.name}'.`, e.pos, nearest(e.name, tests))
      const node = compileExpr(e.node)
      const args = compileArgs(e)
      const name = e.name
      const p = e.pos
      return (f) => {
        const v = node(f)
        const [a, kw] = args(f)
        return at(p, () => truthy(applyFilter(def, name, f, v, a, kw)))
      }
    }
    case 'cond': {
      const test = compileExpr(e.test)
      const then = compileExpr(e.then)
      const els = e.else ? compileExpr(e.else) : undefined
      const p = e.pos
      return (f) => (at(p, () => truthy(test(f))) ? then(f) : els ? els(f) : new LenientUndefined(undefined, undefined, false, undefined, 'the inline if-expression evaluated to false and no else section was defined.'))
    }
    case 'bin': {
      const l = compileExpr(e.left)
      const r = compileExpr(e.right)
      const op = { '+': add, '-': sub, '*': mul, '/': div, '//': floordiv, '%': mod, '**': pow }[e.op]
      const p = e.pos
      return (f) => {
        const a = l(f)
        const b = r(f)
        return at(p, () => op(a, b))
      }
    }
    case 'unary': {
      const n = compileExpr(e.node)
      const p = e.pos
      if (e.op === 'not') return (f) => {
        const v = n(f)
        return at(p, () => !truthy(v))
      }
      const op = e.op === 'neg' ? neg : unaryPos
      return (f) => {
        const v = n(f)
        return at(p, () => op(v))
      }
    }
    case 'and': {
      const l = compileExpr(e.left)
      const r = compileExpr(e.right)
      const p = e.pos
      return (f) => {
        const a = l(f)
        return at(p, () => truthy(a)) ? r(f) : a
      }
    }
    case 'or': {
      const l = compileExpr(e.left)
      const r = compileExpr(e.right)
      const p = e.pos
      return (f) => {
        const a = l(f)
        return at(p, () => truthy(a)) ? a : r(f)
      }
    }
    case 'compare': {
      const first = compileExpr(e.expr)
      const ops = e.ops.map((o) => [o.op, compileExpr(o.expr)] as const)
      const p = e.pos
      return (f) => {
        let a = first(f)
        for (const [op, ev] of ops) {
          const b = ev(f)
          if (!at(p, () => compare(op, a, b))) return false
          a = b
        }
        return true
      }
    }
    case 'concat': {
      const items = e.items.map(compileExpr)
      const p = e.pos
      return (f) => {
        const vals = items.map((x) => x(f))
        return at(p, () => vals.map((v) => str(v)).join(''))
      }
    }
  }
}

export function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==': return eq(a, b)
    case '!=': return !eq(a, b)
    case '<': return cmp(a, b, '<') < 0
    case '<=': return cmp(a, b, '<=') <= 0
    case '>': return cmp(a, b, '>') > 0
    case '>=': return cmp(a, b, '>=') >= 0
    case 'in': return contains(b, a)
    case 'notin': return !contains(b, a)
  }
  return false
}
