// include, import and from-import: templates found through the Loader, rendered with or without the
// current context; and extends, which renders the parent with the child's blocks.
import type { Stmt } from './ast.js'
import { compileExpr } from './compile-expr.js'
import { type CompiledTemplate, type Loader, SKIP_BLOCKS, type Sx } from './compile-types.js'
import { JinjaError } from './errors.js'
import { MISSING } from './py-methods.js'
import { str } from './py.js'
import type { Frame, Locals, PyObject } from './runtime.js'
import { Undefined } from './undefined.js'

type IncludeStmt = Extract<Stmt, { t: 'include' | 'import' | 'fromimport' }>

export function compileInclude(s: IncludeStmt): Sx {
  switch (s.t) {
    case 'include': {
      const tpl = compileExpr(s.template)
      const { ignoreMissing, withContext } = s
      const p = s.pos
      return (f, out) => {
        const names = tpl(f)
        const loaded = loadFirst(f, names, ignoreMissing, p)
        if (!loaded) return
        const l: Locals = withContext ? Object.create(f.l) : Object.create(null)
        renderCompiled(loaded, { ...f, l, rt: withContext ? f.rt : f.rt.isolated(), blocks: undefined }, out)
      }
    }
    case 'import': {
      const tpl = compileExpr(s.template)
      const { target, withContext } = s
      const p = s.pos
      return (f) => {
        f.l[target] = importModule(f, tpl(f), withContext, p)
      }
    }
    case 'fromimport': {
      const tpl = compileExpr(s.template)
      const { names, withContext } = s
      const p = s.pos
      return (f) => {
        const mod = importModule(f, tpl(f), withContext, p)
        for (const [n, as] of names) {
          const v = mod.pyGet(n)
          f.l[as] = v === MISSING ? new Undefined(n, undefined, false, n, `the template does not export the requested name '${n}'`) : v
        }
      }
    }
  }
}

function loadFirst(f: Frame, names: unknown, ignoreMissing: boolean, p: number): CompiledTemplate | undefined {
  const loader = (f.rt.engine as unknown as { loader?: Loader }).loader
  const list = Array.isArray(names) ? names : [names]
  for (const n of list) {
    if (n instanceof Undefined) n.fail()
    const t = loader?.load(str(n), f)
    if (t) return t
  }
  if (ignoreMissing) return undefined
  throw new JinjaError(`template not found: ${list.map((n) => str(n)).join(', ')}`, 'error', p)
}

class TemplateModule implements PyObject {
  readonly pyType = 'TemplateModule'
  constructor(readonly exports: Locals) {}
  pyGet(name: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.exports, name) && !name.startsWith('_') ? this.exports[name] : MISSING
  }
}

function importModule(f: Frame, name: unknown, withContext: boolean, p: number): TemplateModule {
  const t = loadFirst(f, name, false, p)!
  const base: Locals = withContext ? Object.create(f.l) : Object.create(null)
  const l: Locals = Object.create(base)
  renderCompiled(t, { ...f, l, rt: withContext ? f.rt : f.rt.isolated(), blocks: undefined }, [])
  const exports: Locals = {}
  for (const k of Object.keys(l)) exports[k] = l[k]
  return new TemplateModule(exports)
}

/** Renders a compiled template into `out`, following `{% extends %}`. */
export function renderCompiled(t: CompiledTemplate, f: Frame, out: unknown[]): void {
  if (!t.extendsExpr) return t.root(f, out)
  const blocks = { ...t.blocks, ...(f.blocks !== SKIP_BLOCKS ? (f.blocks as Record<string, Sx> | undefined) : undefined) }
  t.root({ ...f, blocks: SKIP_BLOCKS }, [])
  const parent = loadFirst(f, t.extendsExpr(f), false, 0)!
  renderCompiled(parent, { ...f, blocks }, out)
}
