// Python's ast.literal_eval, as ansible-core's INI plugin applies it to every value (`_parse_value`).
// A value literal_eval rejects stays the raw string, exactly as in Ansible: 'yes' stays 'yes', '01' stays
// '01' (leading zeros are a SyntaxError in Python 3), "'01'" becomes '01', '1_000' becomes 1000.
// Tuples and sets become arrays; a bytes literal at the top level becomes text (Ansible's to_text).

const FAIL = Symbol('not a literal')
type Result = unknown | typeof FAIL

class Parser {
  pos = 0
  constructor(readonly src: string) {}

  skip(): void {
    for (;;) {
      const c = this.src[this.pos]
      if (c === ' ' || c === '\t' || c === '\f') this.pos++
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2
      else if (c === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++
      else if ((c === '\n' || c === '\r') && this.depth > 0) this.pos++
      else return
    }
  }

  depth = 0 // inside brackets newlines are insignificant

  peek(): string {
    this.skip()
    return this.src[this.pos] ?? ''
  }

  eat(ch: string): boolean {
    if (this.peek() !== ch) return false
    this.pos++
    return true
  }

  value(): Result {
    this.skip()
    const c = this.src[this.pos]
    if (c === '+' || c === '-') {
      this.pos++
      const operand = this.atom()
      if (typeof operand !== 'number' && !isComplex(operand)) return FAIL
      return c === '-' ? negate(operand) : operand
    }
    const left = this.atom()
    if (left === FAIL) return FAIL
    // literal_eval accepts `real ± imaginary` (complex numbers) and nothing else binary
    const op = this.peek()
    if ((op === '+' || op === '-') && (typeof left === 'number' || isComplex(left))) {
      this.pos++
      const right = this.atom()
      if (!isComplex(right) || isComplex(left)) return FAIL
      return { complex: true, real: left as number, imag: op === '-' ? -right.imag : right.imag }
    }
    return left
  }

  atom(): Result {
    const c = this.peek()
    if (c === '[') return this.sequence('[', ']')
    if (c === '(') return this.sequence('(', ')')
    if (c === '{') return this.braces()
    if (c === '"' || c === "'") return this.strings()
    if (/[0-9.]/.test(c)) return this.number()
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos))?.[0]
    if (word === undefined) return FAIL
    if (/^(?:[rRuUbB]|[bB][rR]|[rR][bB])$/.test(word) && /['"]/.test(this.src[this.pos + word.length] ?? '')) {
      return this.strings()
    }
    this.pos += word.length
    if (word === 'True') return true
    if (word === 'False') return false
    if (word === 'None') return null
    if (word === 'set' && this.eat('(') && this.eat(')')) return []
    return FAIL
  }

  sequence(open: string, close: string): Result {
    this.pos++
    this.depth++
    const items: unknown[] = []
    let sawComma = false
    while (!this.eat(close)) {
      const v = this.value()
      if (v === FAIL) return FAIL
      items.push(v)
      if (this.eat(',')) sawComma = true
      else if (this.peek() !== close) return FAIL
    }
    this.depth--
    // `(x)` is just x; `(x,)` and `()` are tuples
    if (open === '(' && items.length === 1 && !sawComma) return items[0]
    return items
  }

  braces(): Result {
    this.pos++
    this.depth++
    if (this.eat('}')) {
      this.depth--
      return {}
    }
    const first = this.value()
    if (first === FAIL) return FAIL
    if (this.peek() !== ':') {
      // a set literal: render as a list
      const items = [first]
      while (this.eat(',')) {
        if (this.peek() === '}') break
        const v = this.value()
        if (v === FAIL) return FAIL
        items.push(v)
      }
      if (!this.eat('}')) return FAIL
      this.depth--
      return items
    }
    const out: Record<string, unknown> = {}
    let key: unknown = first
    for (;;) {
      if (!this.eat(':')) return FAIL
      const v = this.value()
      if (v === FAIL || (typeof key === 'object' && key !== null)) return FAIL
      out[String(key)] = v // json.dumps spells keys True/None as 'true'/'null', as String() does
      if (this.eat('}')) break
      if (!this.eat(',')) return FAIL
      if (this.eat('}')) break
      key = this.value()
      if (key === FAIL) return FAIL
    }
    this.depth--
    return out
  }

  strings(): Result {
    let text = ''
    let kind: 'str' | 'bytes' | undefined
    for (;;) {
      this.skip()
      const m = /^([rRuUbB]{0,2})('''|"""|'|")/.exec(this.src.slice(this.pos))
      if (!m) break
      const prefix = m[1].toLowerCase()
      if (!/^(?:|r|u|b|br|rb)$/.test(prefix)) return FAIL
      const thisKind = prefix.includes('b') ? 'bytes' : 'str'
      if (kind && kind !== thisKind) return FAIL // Python: cannot mix bytes and nonbytes literals
      kind = thisKind
      this.pos += m[0].length
      const part = this.stringBody(m[2], prefix.includes('r'))
      if (part === FAIL) return FAIL
      text += part
    }
    return kind === undefined ? FAIL : text
  }

  stringBody(quote: string, raw: boolean): Result {
    let out = ''
    const triple = quote.length === 3
    while (this.pos < this.src.length) {
      if (this.src.startsWith(quote, this.pos)) {
        this.pos += quote.length
        return out
      }
      const c = this.src[this.pos++]
      if ((c === '\n' || c === '\r') && !triple) return FAIL
      if (c !== '\\') {
        out += c
        continue
      }
      const n = this.src[this.pos++]
      if (n === undefined) return FAIL
      if (raw) {
        out += c + n
        continue
      }
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' }
      if (n in simple) out += simple[n]
      else if (n === 'N') return FAIL // \N{NAME} needs Unicode's name table: keep the raw text
      else if (n === 'x' || n === 'u' || n === 'U') {
        const len = n === 'x' ? 2 : n === 'u' ? 4 : 8
        const hex = this.src.slice(this.pos, this.pos + len)
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return FAIL
        out += String.fromCodePoint(parseInt(hex, 16))
        this.pos += len
      } else if (/[0-7]/.test(n)) {
        const oct = /^[0-7]{1,3}/.exec(this.src.slice(this.pos - 1))![0]
        out += String.fromCodePoint(parseInt(oct, 8))
        this.pos += oct.length - 1
      } else out += c + n // unknown escapes are kept verbatim
    }
    return FAIL
  }

  number(): Result {
    const rest = this.src.slice(this.pos)
    for (const [re, convert] of NUMBER_PATTERNS) {
      const m = re.exec(rest)
      if (!m) continue
      this.pos += m[0].length
      if (/^[jJ]/.test(this.src.slice(this.pos))) {
        this.pos++
        return { complex: true, real: 0, imag: convert(m[0]) }
      }
      if (/^[A-Za-z0-9_.]/.test(this.src.slice(this.pos))) return FAIL
      return convert(m[0])
    }
    return FAIL
  }
}

const DIGITS = '[0-9](?:_?[0-9])*'
const NUMBER_PATTERNS: [RegExp, (s: string) => number][] = [
  [/^0[xX](?:_?[0-9a-fA-F])+/, (s) => parseInt(s.slice(2).replace(/_/g, ''), 16)],
  [/^0[oO](?:_?[0-7])+/, (s) => parseInt(s.slice(2).replace(/_/g, ''), 8)],
  [/^0[bB](?:_?[01])+/, (s) => parseInt(s.slice(2).replace(/_/g, ''), 2)],
  [
    new RegExp(`^(?:${DIGITS}\\.(?:${DIGITS})?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?|^${DIGITS}[eE][+-]?${DIGITS}`),
    (s) => parseFloat(s.replace(/_/g, '')),
  ],
  [/^(?:0(?:_?0)*|[1-9](?:_?[0-9])*)(?![0-9_])/, (s) => Number(s.replace(/_/g, ''))],
]

interface Complex {
  complex: true
  real: number
  imag: number
}

function isComplex(v: unknown): v is Complex {
  return typeof v === 'object' && v !== null && (v as Complex).complex === true
}

function negate(v: unknown): unknown {
  return isComplex(v) ? { complex: true, real: -v.real, imag: -v.imag } : -(v as number)
}

const CANNOT_BE_LITERAL = /^(?:[^0-9.+\-'"([{rRuUbBTFNs \t]|[0-9]+\.[0-9]+\.|$)/

/** ast.literal_eval(value) or the string itself when Python would raise. */
export function pyLiteral(value: string): unknown {
  // most inventory values (names, paths, IP addresses) cannot start or be a Python literal: skip the parser
  if (CANNOT_BE_LITERAL.test(value)) return value
  const p = new Parser(value.replace(/^[ \t]+/, ''))
  let v = p.value()
  // a bare `1, 2` is a tuple in Python's eval mode
  if (v !== FAIL && p.peek() === ',') {
    const items = [v]
    while (v !== FAIL && p.eat(',')) {
      if (p.peek() === '' || p.peek() === '\n') break
      v = p.value()
      items.push(v)
    }
    v = v === FAIL ? FAIL : items
  }
  p.skip()
  while (p.pos < p.src.length && /[\s]/.test(p.src[p.pos])) p.pos++
  if (v === FAIL || p.pos !== p.src.length || containsComplex(v)) return value
  return v
}

// Complex numbers do survive literal_eval in Ansible but cannot be printed as JSON; keep the text.
function containsComplex(v: unknown): boolean {
  if (isComplex(v)) return true
  if (Array.isArray(v)) return v.some(containsComplex)
  if (typeof v === 'object' && v !== null) return Object.values(v).some(containsComplex)
  return false
}
