// Jinja2's grammar: expressions with Jinja's precedence (condexpr < or < and < not < compare < +,- < ~ <
// *,/,//,% < ** < unary; postfix, filters and tests bind tightest), and the statements Ansible's default
// environment knows (no `do`, no loop controls: Ansible enables no extension).
import type { CallArgs, CmpOp, Expr, FilterCall, MacroSig, Stmt, Target } from './ast.js'
import { SyntaxErr } from './errors.js'
import type { Token } from './lexer.js'

const CMP = new Set(['==', '!=', '<', '<=', '>', '>='])

export class Parser {
  i = 0
  constructor(readonly toks: Token[]) {}

  get cur(): Token {
    return this.toks[this.i]
  }
  look(k = 1): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]
  }
  next(): Token {
    return this.toks[this.i++]
  }
  isOp(v: string): boolean {
    return this.cur.type === 'op' && this.cur.value === v
  }
  isName(v: string): boolean {
    return this.cur.type === 'name' && this.cur.value === v
  }
  skipOp(v: string): boolean {
    if (!this.isOp(v)) return false
    this.i++
    return true
  }
  skipName(v: string): boolean {
    if (!this.isName(v)) return false
    this.i++
    return true
  }
  fail(msg: string, tok: Token = this.cur): never {
    throw new SyntaxErr(msg, tok.pos)
  }
  describe(t: Token): string {
    if (t.type === 'eof') return 'end of template'
    if (t.type === 'var_end') return 'end of print statement'
    if (t.type === 'block_end') return 'end of statement block'
    if (t.type === 'string') return 'string'
    return t.value
  }
  expectOp(v: string): Token {
    if (!this.isOp(v)) this.fail(`expected token '${v}', got '${this.describe(this.cur)}'`)
    return this.next()
  }
  expectName(): string {
    if (this.cur.type !== 'name') this.fail(`expected token 'name', got '${this.describe(this.cur)}'`)
    return this.next().value
  }
  expectType(type: Token['type']): Token {
    if (this.cur.type !== type) this.fail(`expected token '${type === 'block_end' ? 'end of statement block' : type === 'var_end' ? 'end of print statement' : type}', got '${this.describe(this.cur)}'`)
    return this.next()
  }

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

  parseFilterCall(): FilterCall {
    const pos = this.cur.pos
    let name = this.expectName()
    while (this.isOp('.')) {
      this.i++
      name += '.' + this.expectName()
    }
    const a: CallArgs = this.isOp('(') ? this.parseCallArgs() : { args: [], kwargs: [] }
    return { name, pos, ...a }
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
    let tuple = paren && false
    while (this.skipOp(',')) {
      tuple = true
      if (this.cur.type !== 'name') break
      items.push(one())
    }
    if (paren) this.expectOp(')')
    return tuple || items.length > 1 ? { t: 'tuple', items } : items[0]
  }

  // ---- expressions ----
  parseExpression(withCond = true): Expr {
    return withCond ? this.parseCondExpr() : this.parseOr()
  }

  /** A comma-separated expression list: a tuple unless there is a single item without a trailing comma. */
  parseTuple(withCond = true, simplified = false, noCondInFor = false): Expr {
    const pos = this.cur.pos
    const parse = () => (simplified ? this.parsePrimaryPostfix() : this.parseExpression(noCondInFor ? false : withCond))
    const items: Expr[] = []
    let comma = false
    for (;;) {
      if (items.length) this.expectOp(',')
      if (this.tupleEnds()) break
      items.push(parse())
      if (this.isOp(',')) comma = true
      else break
    }
    if (!comma) {
      if (items.length) return items[0]
      this.fail(`Expected an expression, got '${this.describe(this.cur)}'`)
    }
    return { t: 'tuple', items, pos }
  }

  parsePrimaryPostfix(): Expr {
    return this.parsePostfix(this.parsePrimary())
  }

  tupleEnds(): boolean {
    const c = this.cur
    if (c.type === 'var_end' || c.type === 'block_end' || c.type === 'eof') return true
    if (c.type === 'op' && (c.value === ')' || c.value === ']' || c.value === '}')) return true
    if (c.type === 'name' && (c.value === 'in' || c.value === 'recursive' || c.value === 'if')) return false
    return false
  }

  parseCondExpr(): Expr {
    const pos = this.cur.pos
    let e1 = this.parseOr()
    while (this.skipName('if')) {
      const test = this.parseOr()
      const e3 = this.skipName('else') ? this.parseCondExpr() : undefined
      e1 = { t: 'cond', test, then: e1, else: e3, pos }
    }
    return e1
  }
  parseOr(): Expr {
    let left = this.parseAnd()
    while (this.isName('or')) {
      const pos = this.next().pos
      left = { t: 'or', left, right: this.parseAnd(), pos }
    }
    return left
  }
  parseAnd(): Expr {
    let left = this.parseNot()
    while (this.isName('and')) {
      const pos = this.next().pos
      left = { t: 'and', left, right: this.parseNot(), pos }
    }
    return left
  }
  parseNot(): Expr {
    if (this.isName('not')) {
      const pos = this.next().pos
      return { t: 'unary', op: 'not', node: this.parseNot(), pos }
    }
    return this.parseCompare()
  }
  parseCompare(): Expr {
    const pos = this.cur.pos
    const expr = this.parseMath1()
    const ops: { op: CmpOp; expr: Expr }[] = []
    for (;;) {
      if (this.cur.type === 'op' && CMP.has(this.cur.value)) {
        const op = this.next().value as CmpOp
        ops.push({ op, expr: this.parseMath1() })
      } else if (this.skipName('in')) ops.push({ op: 'in', expr: this.parseMath1() })
      else if (this.isName('not') && this.look().type === 'name' && this.look().value === 'in') {
        this.i += 2
        ops.push({ op: 'notin', expr: this.parseMath1() })
      } else break
    }
    return ops.length ? { t: 'compare', expr, ops, pos } : expr
  }
  parseMath1(): Expr {
    let left = this.parseConcat()
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next()
      left = { t: 'bin', op: t.value as '+' | '-', left, right: this.parseConcat(), pos: t.pos }
    }
    return left
  }
  parseConcat(): Expr {
    const pos = this.cur.pos
    const items = [this.parseMath2()]
    while (this.skipOp('~')) items.push(this.parseMath2())
    return items.length === 1 ? items[0] : { t: 'concat', items, pos }
  }
  parseMath2(): Expr {
    let left = this.parsePow()
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const t = this.next()
      left = { t: 'bin', op: t.value as '*', left, right: this.parsePow(), pos: t.pos }
    }
    return left
  }
  parsePow(): Expr {
    let left = this.parseUnary()
    while (this.isOp('**')) {
      const t = this.next()
      left = { t: 'bin', op: '**', left, right: this.parseUnary(), pos: t.pos }
    }
    return left
  }
  parseUnary(withFilter = true): Expr {
    const pos = this.cur.pos
    let node: Expr
    if (this.skipOp('-')) node = { t: 'unary', op: 'neg', node: this.parseUnary(false), pos }
    else if (this.skipOp('+')) node = { t: 'unary', op: 'pos', node: this.parseUnary(false), pos }
    else node = this.parsePrimary()
    node = this.parsePostfix(node)
    if (withFilter) node = this.parseFilterExpr(node)
    return node
  }
  parsePrimary(): Expr {
    const t = this.cur
    const pos = t.pos
    if (t.type === 'name') {
      this.i++
      if (t.value === 'true' || t.value === 'True') return { t: 'const', value: true, pos }
      if (t.value === 'false' || t.value === 'False') return { t: 'const', value: false, pos }
      if (t.value === 'none' || t.value === 'None') return { t: 'const', value: null, pos }
      return { t: 'name', name: t.value, pos }
    }
    if (t.type === 'string') {
      let s = ''
      while (this.cur.type === 'string') s += this.next().value
      return { t: 'const', value: s, pos }
    }
    if (t.type === 'int') {
      this.i++
      return { t: 'const', value: t.num, pos }
    }
    if (t.type === 'float') {
      this.i++
      return { t: 'const', value: floatConst(t.num!), pos }
    }
    if (this.skipOp('(')) {
      if (this.skipOp(')')) return { t: 'tuple', items: [], pos }
      const e = this.parseTuple()
      this.expectOp(')')
      return e
    }
    if (this.skipOp('[')) {
      const items: Expr[] = []
      while (!this.isOp(']')) {
        if (items.length) this.expectOp(',')
        if (this.isOp(']')) break
        items.push(this.parseExpression())
      }
      this.expectOp(']')
      return { t: 'list', items, pos }
    }
    if (this.skipOp('{')) {
      const pairs: [Expr, Expr][] = []
      while (!this.isOp('}')) {
        if (pairs.length) this.expectOp(',')
        if (this.isOp('}')) break
        const k = this.parseExpression()
        this.expectOp(':')
        pairs.push([k, this.parseExpression()])
      }
      this.expectOp('}')
      return { t: 'dict', pairs, pos }
    }
    this.fail(`unexpected '${this.describe(t)}'`)
  }
  parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.isOp('.') || this.isOp('[')) node = this.parseSubscript(node)
      else if (this.isOp('(')) node = { t: 'call', fn: node, pos: this.cur.pos, ...this.parseCallArgs() }
      else return node
    }
  }
  parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.isOp('|')) {
        this.i++
        const f = this.parseFilterCall()
        node = { t: 'filter', node, name: f.name, pos: f.pos, args: f.args, kwargs: f.kwargs, dynArgs: f.dynArgs, dynKwargs: f.dynKwargs }
      } else if (this.isName('is')) node = this.parseTest(node)
      else if (this.isOp('(')) node = { t: 'call', fn: node, pos: this.cur.pos, ...this.parseCallArgs() }
      else return node
    }
  }
  parseSubscript(node: Expr): Expr {
    const t = this.next()
    if (t.value === '.') {
      const a = this.cur
      if (a.type === 'name') {
        this.i++
        return { t: 'getattr', obj: node, attr: a.value, pos: a.pos }
      }
      if (a.type === 'int') {
        this.i++
        return { t: 'getitem', obj: node, arg: { t: 'const', value: a.num, pos: a.pos }, pos: a.pos }
      }
      this.fail('expected name or number')
    }
    const args: Expr[] = []
    while (!this.isOp(']')) {
      if (args.length) this.expectOp(',')
      args.push(this.parseSubscribed())
    }
    this.expectOp(']')
    const arg: Expr = args.length === 1 ? args[0] : { t: 'tuple', items: args, pos: t.pos }
    return { t: 'getitem', obj: node, arg, pos: t.pos }
  }
  parseSubscribed(): Expr {
    const pos = this.cur.pos
    const parts: (Expr | undefined)[] = []
    if (this.isOp(':')) {
      this.i++
      parts.push(undefined)
    } else {
      const e = this.parseExpression()
      if (!this.isOp(':')) return e
      this.i++
      parts.push(e)
    }
    parts.push(this.isOp(']') || this.isOp(',') || this.isOp(':') ? undefined : this.parseExpression())
    if (this.skipOp(':')) parts.push(this.isOp(']') || this.isOp(',') ? undefined : this.parseExpression())
    return { t: 'slice', start: parts[0], stop: parts[1], step: parts[2], pos }
  }
  parseCallArgs(): CallArgs {
    this.expectOp('(')
    const args: Expr[] = []
    const kwargs: [string, Expr][] = []
    let dynArgs: Expr | undefined
    let dynKwargs: Expr | undefined
    let first = true
    while (!this.isOp(')')) {
      if (!first) {
        this.expectOp(',')
        if (this.isOp(')')) break
      }
      first = false
      if (this.skipOp('*')) dynArgs = this.parseExpression()
      else if (this.skipOp('**')) dynKwargs = this.parseExpression()
      else if (this.cur.type === 'name' && this.look().type === 'op' && this.look().value === '=') {
        const k = this.next().value
        this.i++
        kwargs.push([k, this.parseExpression()])
      } else {
        if (kwargs.length || dynArgs || dynKwargs) this.fail('Invalid argument syntax')
        args.push(this.parseExpression())
      }
    }
    this.expectOp(')')
    return { args, kwargs, dynArgs, dynKwargs }
  }
  parseTest(node: Expr): Expr {
    const pos = this.next().pos
    const negated = this.skipName('not')
    let name = this.expectName()
    while (this.isOp('.')) {
      this.i++
      name += '.' + this.expectName()
    }
    let a: CallArgs = { args: [], kwargs: [] }
    const c = this.cur
    if (this.isOp('(')) a = this.parseCallArgs()
    else if (
      (c.type === 'name' || c.type === 'string' || c.type === 'int' || c.type === 'float' || (c.type === 'op' && (c.value === '[' || c.value === '{'))) &&
      !(c.type === 'name' && (c.value === 'else' || c.value === 'or' || c.value === 'and'))
    ) {
      if (this.isName('is')) this.fail('You cannot chain multiple tests with is')
      a = { args: [this.parsePostfix(this.parsePrimary())], kwargs: [] }
    }
    const test: Expr = { t: 'test', name, node, pos, ...a }
    return negated ? { t: 'unary', op: 'not', node: test, pos } : test
  }
}

import { PyFloat } from './pyfloat.js'
function floatConst(n: number): unknown {
  return Number.isInteger(n) ? new PyFloat(n) : n
}
