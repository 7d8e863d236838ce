// Jinja2's expression grammar with Jinja's precedence: condexpr < or < and < not < compare < +,- < ~ <
// *,/,//,% < ** < unary; postfix (. [] ()), filters (|) and tests (is) bind tightest.
import type { CallArgs, CmpOp, Expr, FilterCall } from './ast.js'
import { TokenCursor } from './token-cursor.js'
import { PyFloat } from './pyfloat.js'

const CMP = new Set(['==', '!=', '<', '<=', '>', '>='])

export class ExprParser extends TokenCursor {
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
}

function floatConst(n: number): unknown {
  return Number.isInteger(n) ? new PyFloat(n) : n
}
