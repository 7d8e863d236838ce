// Jinja2's statements as Ansible's default environment knows them (no `do`, no loop controls: Ansible
// enables no extension). Expressions come from ExprParser.
import type { Expr, FilterCall, MacroSig, Stmt, Target } from './ast.js'
import { ExprParser } from './parse-expr.js'

export class Parser extends ExprParser {
  // ---- templates ----
  parseTemplate(): Stmt[] {
    const body = this.subparse([])
    if (this.cur.type !== 'eof') this.fail(`unexpected '${this.describe(this.cur)}'`)
    return body
  }

  /** Statements until a block tag named in `ends` (left as the current token, after block_begin). */
  subparse(ends: string[]): Stmt[] {
    const body: Stmt[] = []
    for (;;) {
      const t = this.cur
      if (t.type === 'eof') {
        if (ends.length) this.fail(`Unexpected end of template. Jinja was looking for the following tags: ${ends.map((e) => `'${e}'`).join(' or ')}. The innermost block that needs to be closed is '${ends[0].replace(/^end/, '')}'.`)
        return body
      }
      if (t.type === 'data') {
        body.push({ t: 'data', text: t.value, pos: t.pos })
        this.i++
      } else if (t.type === 'var_begin') {
        this.i++
        const expr = this.parseTuple(true)
        this.expectType('var_end')
        body.push({ t: 'output', expr, pos: t.pos })
      } else if (t.type === 'block_begin') {
        const nt = this.look()
        if (nt.type === 'name' && ends.includes(nt.value)) {
          this.i++
          return body
        }
        this.i++
        const s = this.parseStatement(ends)
        body.push(s)
      } else this.fail(`unexpected '${this.describe(t)}'`)
    }
  }

  endOf(tag: string): void {
    this.skipName(tag)
    this.expectType('block_end')
  }

  parseStatement(ends: string[]): Stmt {
    const t = this.cur
    if (t.type !== 'name') this.fail('tag name expected')
    const pos = t.pos
    switch (t.value) {
      case 'if': {
        this.i++
        const branches: { test: Expr; body: Stmt[] }[] = []
        let els: Stmt[] | undefined
        let test = this.parseTuple(false, false)
        for (;;) {
          this.expectType('block_end')
          const body = this.subparse(['elif', 'else', 'endif'])
          branches.push({ test, body })
          const tag = this.next().value
          if (tag === 'elif') {
            test = this.parseTuple(false, false)
            continue
          }
          if (tag === 'else') {
            this.expectType('block_end')
            els = this.subparse(['endif'])
            this.endOf('endif')
          } else this.expectType('block_end')
          break
        }
        return { t: 'if', branches, else: els, pos }
      }
      case 'for': {
        this.i++
        const target = this.parseAssignTarget(true)
        if (!this.skipName('in')) this.fail("expected token 'in'")
        const iter = this.parseTuple(false, false, true)
        let filter: Expr | undefined
        if (this.skipName('if')) filter = this.parseExpression()
        const recursive = this.skipName('recursive')
        this.expectType('block_end')
        const body = this.subparse(['endfor', 'else'])
        let els: Stmt[] | undefined
        if (this.next().value === 'else') {
          this.expectType('block_end')
          els = this.subparse(['endfor'])
          this.next()
        }
        this.expectType('block_end')
        return { t: 'for', target, iter, body, else: els, filter, recursive, pos }
      }
      case 'set': {
        this.i++
        const target = this.parseAssignTarget(true, true)
        if (this.skipOp('=')) {
          const expr = this.parseTuple()
          this.expectType('block_end')
          return { t: 'set', target, expr, pos }
        }
        const filters = this.parseFilterChain()
        this.expectType('block_end')
        const body = this.subparse(['endset'])
        this.endOf('endset')
        return { t: 'setblock', target, body, filters, pos }
      }
      case 'macro': {
        this.i++
        const name = this.expectName()
        const sig = this.parseSignature()
        this.expectType('block_end')
        const body = this.subparse(['endmacro'])
        this.endOf('endmacro')
        return { t: 'macro', name, ...sig, body, pos }
      }
      case 'call': {
        this.i++
        const sig = this.isOp('(') ? this.parseSignature() : { params: [], defaults: [] }
        const call = this.parseExpression()
        if (call.t !== 'call') this.fail('expected call')
        this.expectType('block_end')
        const body = this.subparse(['endcall'])
        this.endOf('endcall')
        return { t: 'callblock', call, ...sig, body, pos }
      }
      case 'filter': {
        this.i++
        const filters = this.parseFilterChain(true)
        this.expectType('block_end')
        const body = this.subparse(['endfilter'])
        this.endOf('endfilter')
        return { t: 'filterblock', filters, body, pos }
      }
      case 'include': {
        this.i++
        const template = this.parseExpression()
        let ignoreMissing = false
        if (this.isName('ignore') && this.look().type === 'name' && this.look().value === 'missing') {
          this.i += 2
          ignoreMissing = true
        }
        const withContext = this.parseContext(true)
        this.expectType('block_end')
        return { t: 'include', template, ignoreMissing, withContext, pos }
      }
      case 'import': {
        this.i++
        const template = this.parseExpression()
        if (!this.skipName('as')) this.fail("expected token 'as'")
        const target = this.expectName()
        const withContext = this.parseContext(false)
        this.expectType('block_end')
        return { t: 'import', template, target, withContext, pos }
      }
      case 'from': {
        this.i++
        const template = this.parseExpression()
        if (!this.skipName('import')) this.fail("expected token 'import'")
        const names: [string, string][] = []
        let withContext = false
        for (;;) {
          if ((this.isName('with') || this.isName('without')) && this.look().type === 'name' && this.look().value === 'context') {
            withContext = this.next().value === 'with'
            this.i++
            break
          }
          if (this.cur.type !== 'name') break
          const n = this.next().value
          names.push([n, this.skipName('as') ? this.expectName() : n])
          if (!this.skipOp(',')) {
            withContext = this.parseContext(false)
            break
          }
        }
        this.expectType('block_end')
        return { t: 'fromimport', template, names, withContext, pos }
      }
      case 'with': {
        this.i++
        const targets: [Target, Expr][] = []
        while (this.cur.type !== 'block_end') {
          if (targets.length) this.expectOp(',')
          const tg = this.parseAssignTarget(false)
          this.expectOp('=')
          targets.push([tg, this.parseExpression()])
        }
        this.expectType('block_end')
        const body = this.subparse(['endwith'])
        this.endOf('endwith')
        return { t: 'with', targets, body, pos }
      }
      case 'block': {
        this.i++
        const name = this.expectName()
        this.skipName('scoped')
        this.skipName('required')
        this.expectType('block_end')
        const body = this.subparse(['endblock'])
        this.next()
        if (this.cur.type === 'name') this.i++
        this.expectType('block_end')
        return { t: 'block', name, body, pos }
      }
      case 'extends': {
        this.i++
        const template = this.parseExpression()
        this.expectType('block_end')
        return { t: 'extends', template, pos }
      }
      default: {
        const inner = ends.length ? ` Jinja was looking for the following tags: ${ends.map((e) => `'${e}'`).join(' or ')}.` : ''
        this.fail(`Encountered unknown tag '${t.value}'.${inner}`)
      }
    }
  }

  parseContext(dflt: boolean): boolean {
    if ((this.isName('with') || this.isName('without')) && this.look().type === 'name' && this.look().value === 'context') {
      const w = this.next().value === 'with'
      this.i++
      return w
    }
    return dflt
  }

  parseSignature(): MacroSig {
    const params: string[] = []
    const defaults: (Expr | undefined)[] = []
    this.expectOp('(')
    while (!this.isOp(')')) {
      if (params.length) this.expectOp(',')
      params.push(this.expectName())
      defaults.push(this.skipOp('=') ? this.parseExpression() : undefined)
    }
    this.expectOp(')')
    return { params, defaults }
  }

  parseFilterChain(required = false): FilterCall[] {
    const out: FilterCall[] = []
    if (required) out.push(this.parseFilterCall())
    while (this.skipOp('|')) out.push(this.parseFilterCall())
    return out
  }

  parseAssignTarget(allowTuple: boolean, allowNs = false): Target {
    const one = (): Target => {
      const name = this.expectName()
      if (allowNs && this.isOp('.')) {
        this.i++
        return { t: 'nsattr', name, attr: this.expectName() }
      }
      return { t: 'name', name }
    }
    if (!allowTuple) return one()
    const items: Target[] = []
    let paren = false
    if (this.skipOp('(')) paren = true
    items.push(one())
    let tuple = false
    while (this.skipOp(',')) {
      tuple = true
      if (this.cur.type !== 'name') break
      items.push(one())
    }
    if (paren) this.expectOp(')')
    return tuple || items.length > 1 ? { t: 'tuple', items } : items[0]
  }
}
