// Jinja2's lexer with Ansible's settings: {{ }} {% %} {# #}, whitespace control (- and +), trim_blocks,
// lstrip_blocks (off unless a `#jinja2:` header turns it on), raw blocks. Inside a tag, end delimiters
// are ignored while brackets are open (`{{ {'a': {'b': 1}} }}`), as Jinja does.
import { SyntaxErr } from './errors.js'

export type TokenType =
  | 'data'
  | 'var_begin'
  | 'var_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'int'
  | 'float'
  | 'op'
  | 'eof'

export interface Token {
  type: TokenType
  value: string // names, operators, data text, the string literal's value
  num?: number
  raw?: string // a string literal's source text between quotes
  pos: number // offset in the source
  end?: number // a string literal's end offset
}

export interface LexOptions {
  trimBlocks: boolean
  lstripBlocks: boolean
}

const OPERATORS = ['**', '//', '==', '!=', '>=', '<=', '+', '-', '/', '*', '%', '~', '[', ']', '(', ')', '{', '}', '>', '<', '=', '.', ':', '|', ',', ';']
const NAME_RE = /[A-Za-z_][A-Za-z0-9_]*/y
const FLOAT_RE = /(?<!\.)(?:\d+(?:_\d+)*)(?:(?:\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?|[eE][+-]?\d+(?:_\d+)*)/y
const INT_RE = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|(?:[1-9](?:_?\d)*|0(?:_?0)*)/y
const STRING_RE = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy
const WS_RE = /\s+/y

/** Python's unicode-escape decoding of a Jinja string literal's body. */
export function unescapeString(s: string): string {
  if (!s.includes('\\')) return s
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|.|\n)/gs, (m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n'
      case 't': return '\t'
      case 'r': return '\r'
      case '\\': return '\\'
      case "'": return "'"
      case '"': return '"'
      case 'a': return '\x07'
      case 'b': return '\b'
      case 'f': return '\f'
      case 'v': return '\v'
      case '\n': return ''
      case 'x': case 'u': case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16))
      default:
        if (/[0-7]/.test(e[0])) return String.fromCodePoint(parseInt(e, 8))
        return m
    }
  })
}

/**
 * Ansible's _escape_backslashes for YAML values: backslashes in string literals inside {{ }} are
 * doubled, then the text is lexed again (so `'\\d'` reaches the regex as `\\d`, and `'it\\'s'` breaks).
 */
export function escapeBackslashes(src: string, opts: LexOptions): string {
  if (!src.includes('\\') || !src.includes('{{')) return src
  const toks = tokenize(src, opts)
  let out = ''
  let last = 0
  let inVar = false
  for (const t of toks) {
    if (t.type === 'var_begin') inVar = true
    else if (t.type === 'var_end') inVar = false
    else if (inVar && t.type === 'string' && t.end !== undefined) {
      out += src.slice(last, t.pos) + src.slice(t.pos, t.end).replace(/\\/g, '\\\\')
      last = t.end
    }
  }
  return out + src.slice(last)
}

/** Tokenizes a whole template. */
export function tokenize(src: string, opts: LexOptions): Token[] {
  const out: Token[] = []
  let pos = 0
  const n = src.length
  let lstripNext = false // a `-` end tag: strip whitespace at the start of the next data
  while (pos < n) {
    // find the next tag start
    let start = -1
    let i = pos
    for (;;) {
      i = src.indexOf('{', i)
      if (i < 0 || i + 1 >= n) break
      const c = src[i + 1]
      if (c === '{' || c === '%' || c === '#') {
        start = i
        break
      }
      i++
    }
    let data = start < 0 ? src.slice(pos) : src.slice(pos, start)
    if (lstripNext) data = data.replace(/^\s+/, '')
    lstripNext = false
    if (start < 0) {
      if (data) out.push({ type: 'data', value: data, pos })
      break
    }
    const kind = src[start + 1]
    const sign = src[start + 2] === '-' || src[start + 2] === '+' ? src[start + 2] : ''
    if (sign === '-') data = data.replace(/\s+$/, '')
    else if (sign === '' && opts.lstripBlocks && kind !== '{') data = lstripLine(data, pos === 0 || src[pos - 1] === '\n')
    // raw block
    if (kind === '%') {
      const rawm = /\{%[-+]?\s*raw\s*(-?)%\}/y
      rawm.lastIndex = start
      const m = rawm.exec(src)
      if (m) {
        if (data) out.push({ type: 'data', value: data, pos })
        let after = start + m[0].length
        if (m[1] === '-') after = skipWs(src, after) // (no trim_blocks after raw: Jinja's rule has no suffix)
        const endre = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g
        endre.lastIndex = after
        const em = endre.exec(src)
        if (!em) throw new SyntaxErr('Missing end of raw directive', start)
        let body = src.slice(after, em.index)
        if (em[1] === '-') body = body.replace(/\s+$/, '')
        else if (em[1] === '' && opts.lstripBlocks) body = lstripLine(body, src[after - 1] === '\n')
        if (body) out.push({ type: 'data', value: body, pos: after })
        pos = em.index + em[0].length
        if (em[2] === '-') lstripNext = true
        else if (em[2] === '' && opts.trimBlocks && src[pos] === '\n') pos++
        continue
      }
    }
    if (data) out.push({ type: 'data', value: data, pos })
    if (kind === '#') {
      const end = src.indexOf('#}', start + 2)
      if (end < 0) throw new SyntaxErr('Missing end of comment tag', start)
      pos = end + 2
      const esign = src[end - 1]
      if (esign === '-' && end - 1 >= start + 2 + (sign ? 1 : 0)) lstripNext = true
      else if (esign !== '+' && opts.trimBlocks && src[pos] === '\n') pos++
      continue
    }
    const isVar = kind === '{'
    out.push({ type: isVar ? 'var_begin' : 'block_begin', value: '', pos: start })
    pos = start + 2 + sign.length
    pos = lexTag(src, pos, isVar, out)
    // lexTag returns the position just after the end delimiter; handle its whitespace control
    const endTok = out[out.length - 1]
    const esign = endTok.value
    if (esign === '-') lstripNext = true
    else if (!isVar && esign !== '+' && opts.trimBlocks && src[pos] === '\n') pos++
    endTok.value = ''
  }
  out.push({ type: 'eof', value: '', pos: n })
  return out
}

function skipWs(src: string, i: number): number {
  while (i < src.length && /\s/.test(src[i])) i++
  return i
}

// lstrip_blocks: whitespace between the line start and a block tag goes. `lineStarting`: the text
// before `data` ended a line (or there is none), so `data`'s first line starts a line.
function lstripLine(data: string, lineStarting: boolean): string {
  const l = data.lastIndexOf('\n') + 1
  if ((l > 0 || lineStarting) && /^\s*$/.test(data.slice(l))) return data.slice(0, l)
  return data
}

function lexTag(src: string, pos: number, isVar: boolean, out: Token[]): number {
  const n = src.length
  const end = isVar ? '}}' : '%}'
  let depth = 0
  while (pos < n) {
    WS_RE.lastIndex = pos
    if (WS_RE.exec(src)) pos = WS_RE.lastIndex
    if (pos >= n) break
    if (depth === 0) {
      if (src.startsWith(end, pos)) {
        out.push({ type: isVar ? 'var_end' : 'block_end', value: '', pos })
        return pos + 2
      }
      if ((src[pos] === '-' || src[pos] === '+') && src.startsWith(end, pos + 1) && (src[pos] === '-' || !isVar)) {
        out.push({ type: isVar ? 'var_end' : 'block_end', value: src[pos], pos })
        return pos + 3
      }
    }
    const c = src[pos]
    if (c === "'" || c === '"') {
      STRING_RE.lastIndex = pos
      const m = STRING_RE.exec(src)
      if (!m) throw new SyntaxErr('unexpected char ' + JSON.stringify(c), pos)
      const body = (m[1] ?? m[2]).replace(/\r\n|\r/g, '\n')
      out.push({ type: 'string', value: unescapeString(body), raw: body, pos, end: STRING_RE.lastIndex })
      pos = STRING_RE.lastIndex
      continue
    }
    if (c >= '0' && c <= '9') {
      FLOAT_RE.lastIndex = pos
      let m = FLOAT_RE.exec(src)
      if (m) {
        out.push({ type: 'float', value: m[0], num: parseFloat(m[0].replace(/_/g, '')), pos })
        pos = FLOAT_RE.lastIndex
        continue
      }
      INT_RE.lastIndex = pos
      m = INT_RE.exec(src)
      if (m) {
        const t = m[0].replace(/_/g, '').toLowerCase()
        const v = t.startsWith('0x') ? parseInt(t.slice(2), 16) : t.startsWith('0o') ? parseInt(t.slice(2), 8) : t.startsWith('0b') ? parseInt(t.slice(2), 2) : Number(t)
        out.push({ type: 'int', value: m[0], num: v, pos })
        pos = INT_RE.lastIndex
        continue
      }
    }
    NAME_RE.lastIndex = pos
    const nm = NAME_RE.exec(src)
    if (nm) {
      out.push({ type: 'name', value: nm[0], pos })
      pos = NAME_RE.lastIndex
      continue
    }
    const op = OPERATORS.find((o) => src.startsWith(o, pos))
    if (!op) throw new SyntaxErr(`unexpected char ${JSON.stringify(c)} at ${pos}`, pos)
    if (op === '(' || op === '[' || op === '{') depth++
    else if (op === ')' || op === ']' || op === '}') {
      if (depth === 0) throw new SyntaxErr(`unexpected '${op}'`, pos)
      depth--
    }
    out.push({ type: 'op', value: op, pos })
    pos += op.length
  }
  throw new SyntaxErr(`unexpected end of template, expected '${isVar ? 'end of print statement' : 'end of statement block'}'`, n)
}
