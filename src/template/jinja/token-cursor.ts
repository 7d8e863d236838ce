// Reading a token list: the cursor, lookahead and `expected token` errors shared by the parsers.
import { SyntaxErr } from './errors.js'
import type { Token } from './lexer.js'

export class TokenCursor {
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
}
