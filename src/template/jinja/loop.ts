// Jinja's `loop` object, and the small runtime objects templates can create: namespace(), cycler(), joiner().
import { type PyFn, pyfn } from './callable.js'
import { typeError } from './errors.js'
import { MISSING } from './py-methods.js'
import { eq, isDict } from './py.js'
import type { PyObject } from './runtime.js'
import { Undefined } from './undefined.js'

export class LoopContext implements PyObject {
  readonly pyType = 'LoopContext'
  index0 = -1
  private lastChanged: unknown[] | typeof MISSING = MISSING
  constructor(
    readonly items: unknown[],
    readonly depth0: number,
    readonly recurse?: PyFn,
  ) {}
  pyGet(name: string): unknown {
    const i = this.index0
    const n = this.items.length
    switch (name) {
      case 'index0': return i
      case 'index': return i + 1
      case 'revindex': return n - i
      case 'revindex0': return n - i - 1
      case 'first': return i === 0
      case 'last': return i === n - 1
      case 'length': return n
      case 'depth': return this.depth0 + 1
      case 'depth0': return this.depth0
      case 'previtem': return i > 0 ? this.items[i - 1] : new Undefined(undefined, undefined, false, undefined, 'there is no previous item')
      case 'nextitem': return i < n - 1 ? this.items[i + 1] : new Undefined(undefined, undefined, false, undefined, 'there is no next item')
      case 'cycle': return pyfn('cycle', (args) => {
        if (!args.length) throw typeError('no items for cycling given')
        return args[i % args.length]
      })
      case 'changed': return pyfn('changed', (args) => {
        if (this.lastChanged !== MISSING && eq(this.lastChanged, args)) return false
        this.lastChanged = args
        return true
      })
    }
    return MISSING
  }
}

/** A loop is callable in a `recursive` for: `loop(children)`. */
export function loopValue(ctx: LoopContext): unknown {
  if (!ctx.recurse) return ctx
  const recurse = ctx.recurse
  const fn = pyfn('loop', (args, kw) => recurse(args, kw)) as PyFn & PyObject
  fn.pyGet = (name: string) => ctx.pyGet(name)
  return fn
}

export class Namespace implements PyObject {
  readonly pyType = 'Namespace'
  readonly attrs: Record<string, unknown> = Object.create(null)
  pyGet(name: string): unknown {
    return name in this.attrs ? this.attrs[name] : MISSING
  }
}

export const namespace = pyfn('namespace', (args, kw) => {
  const ns = new Namespace()
  for (const a of args) if (isDict(a)) Object.assign(ns.attrs, a)
  Object.assign(ns.attrs, kw)
  return ns
})

class Cycler implements PyObject {
  readonly pyType = 'Cycler'
  pos = 0
  constructor(readonly items: unknown[]) {}
  pyGet(name: string): unknown {
    if (name === 'current') return this.items[this.pos]
    if (name === 'next') return pyfn('next', () => {
      const v = this.items[this.pos]
      this.pos = (this.pos + 1) % this.items.length
      return v
    })
    if (name === 'reset') return pyfn('reset', () => void (this.pos = 0))
    return MISSING
  }
}

export const cycler = pyfn('cycler', (args) => new Cycler(args))

export const joiner = pyfn('joiner', (args) => {
  const sep = args.length ? args[0] : ', '
  let used = false
  return pyfn('joiner', () => {
    if (!used) {
      used = true
      return ''
    }
    return sep
  })
})
