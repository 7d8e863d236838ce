// yaml.dump as Ansible's to_yaml/to_nice_yaml call it (PyYAML's emitter): sorted keys, indentless
// sequences under mapping keys, flow style for collections of scalars when default_flow_style=None,
// PyYAML's choice between plain, single- and double-quoted scalars, and folding at 80 columns.
import { isDict } from '../py.js'
import { PyFloat, floatRepr } from '../pyfloat.js'

export interface YamlOptions {
  indent: number
  flow: boolean | null
  sortKeys: boolean
  width: number
}

const BREAKS = '\n\x85\u2028\u2029'
const ESC: Record<string, string> = { '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\', '\x85': 'N', '\u2028': 'L', '\u2029': 'P' }

// PyYAML's implicit resolvers (YAML 1.1): a plain scalar matching one would not read back as a string
const IMPLICIT = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:<<|=)$/,
]

function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!
  return ch === '\n' || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000
}

interface Analysis {
  empty: boolean
  multiline: boolean
  flowPlain: boolean
  blockPlain: boolean
  singleQuoted: boolean
}

function analyze(s: string): Analysis {
  if (!s) return { empty: true, multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true }
  let blockInd = false
  let flowInd = false
  let lineBreaks = false
  let special = false
  let leadingSpace = false
  let leadingBreak = false
  let trailingSpace = false
  let trailingBreak = false
  let breakSpace = false
  let spaceBreak = false
  if (s.startsWith('---') || s.startsWith('...')) blockInd = flowInd = true
  let precededBySpace = true
  const chars = Array.from(s)
  let prevSpace = false
  let prevBreak = false
  chars.forEach((ch, i) => {
    const next = chars[i + 1]
    const followedBySpace = next === undefined || ' \t\r\n\x85\u2028\u2029'.includes(next)
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) flowInd = blockInd = true
      if (ch === '?' || ch === ':') {
        flowInd = true
        if (followedBySpace) blockInd = true
      }
      if (ch === '-' && followedBySpace) flowInd = blockInd = true
    } else {
      if (',?[]{}'.includes(ch)) flowInd = true
      if (ch === ':') {
        flowInd = true
        if (followedBySpace) blockInd = true
      }
      if (ch === '#' && precededBySpace) flowInd = blockInd = true
    }
    if (BREAKS.includes(ch)) lineBreaks = true
    if (!isPrintable(ch)) special = true
    if (ch === ' ') {
      if (i === 0) leadingSpace = true
      if (i === chars.length - 1) trailingSpace = true
      if (prevBreak) breakSpace = true
      prevSpace = true
      prevBreak = false
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true
      if (i === chars.length - 1) trailingBreak = true
      if (prevSpace) spaceBreak = true
      prevSpace = false
      prevBreak = true
    } else {
      prevSpace = false
      prevBreak = false
    }
    precededBySpace = ' \t\r\n\x85\u2028\u2029'.includes(ch)
  })
  let flowPlain = true
  let blockPlain = true
  let single = true
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false
  if (breakSpace) flowPlain = blockPlain = single = false
  if (spaceBreak || special) flowPlain = blockPlain = single = false
  if (lineBreaks) flowPlain = blockPlain = false
  if (flowInd) flowPlain = false
  if (blockInd) blockPlain = false
  return { empty: false, multiline: lineBreaks, flowPlain, blockPlain, singleQuoted: single }
}

class Writer {
  out = ''
  column = 0
  constructor(readonly o: YamlOptions) {}
  write(s: string): void {
    this.out += s
    const nl = s.lastIndexOf('\n')
    this.column = nl < 0 ? this.column + s.length : s.length - nl - 1
  }
  lineBreak(): void {
    this.out += '\n'
    this.column = 0
  }
  indentTo(indent: number): void {
    this.lineBreak()
    this.write(' '.repeat(indent))
  }

  scalarText(v: unknown): { text: string; str: boolean } {
    if (v instanceof String) v = v.valueOf()
    if (v === null || v === undefined) return { text: 'null', str: false }
    if (v === true) return { text: 'true', str: false }
    if (v === false) return { text: 'false', str: false }
    if (typeof v === 'number' || v instanceof PyFloat) {
      const n = Number(v)
      if (typeof v === 'number' && Number.isInteger(v)) return { text: String(v), str: false }
      if (Number.isNaN(n)) return { text: '.nan', str: false }
      if (!Number.isFinite(n)) return { text: n > 0 ? '.inf' : '-.inf', str: false }
      let t = floatRepr(n).toLowerCase()
      if (!t.includes('.') && t.includes('e')) t = t.replace('e', '.0e')
      return { text: t, str: false }
    }
    return { text: String(v), str: true }
  }

  /** Writes a scalar at the current position; `indent` is where continuation lines go. */
  scalar(v: unknown, indent: number, flow: boolean, simpleKey: boolean): void {
    const { text, str } = this.scalarText(v)
    if (!str) {
      this.plain(text, indent, !simpleKey)
      return
    }
    const a = analyze(text)
    const implicitStr = !IMPLICIT.some((re) => re.test(text))
    if (implicitStr && !(simpleKey && (a.empty || a.multiline)) && ((flow && a.flowPlain) || (!flow && a.blockPlain))) this.plain(text, indent, !simpleKey)
    else if (a.singleQuoted && !(simpleKey && a.multiline)) this.singleQuoted(text, indent, !simpleKey)
    else this.doubleQuoted(text, indent, !simpleKey)
  }

  plain(text: string, indent: number, split: boolean): void {
    let start = 0
    let spaces = false
    for (let end = 0; end <= text.length; end++) {
      const ch = text[end]
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > this.o.width && split) this.indentTo(indent)
          else this.write(text.slice(start, end))
          start = end
        }
      } else if (ch === undefined || ch === ' ') {
        this.write(text.slice(start, end))
        start = end
      }
      spaces = ch === ' '
    }
  }

  singleQuoted(text: string, indent: number, split: boolean): void {
    this.write("'")
    let spaces = false
    let breaks = false
    let start = 0
    for (let end = 0; end <= text.length; end++) {
      const ch = text[end]
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > this.o.width && split && start !== 0 && end !== text.length) this.indentTo(indent)
          else this.write(text.slice(start, end))
          start = end
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (text[start] === '\n') this.lineBreak()
          for (const br of text.slice(start, end)) {
            if (br === '\n') this.lineBreak()
            else this.write(br)
          }
          this.write(' '.repeat(indent))
          start = end
        }
      } else if (ch === undefined || ch === ' ' || BREAKS.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(text.slice(start, end))
          start = end
        }
      }
      if (ch === "'") {
        this.write("''")
        start = end + 1
      }
      if (ch !== undefined) {
        spaces = ch === ' '
        breaks = BREAKS.includes(ch)
      }
    }
    this.write("'")
  }

  doubleQuoted(text: string, indent: number, split: boolean): void {
    this.write('"')
    let start = 0
    const chars = Array.from(text)
    let chunk = ''
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end]
      if (ch === undefined || '"\\\x85\u2028\u2029\ufeff'.includes(ch) || !(isPrintable(ch) && ch !== '\n')) {
        this.write(chunk)
        chunk = ''
        if (ch !== undefined) {
          const c = ch.codePointAt(0)!
          this.write('\\' + (ESC[ch] ?? (c <= 0xff ? 'x' + c.toString(16).toUpperCase().padStart(2, '0') : c <= 0xffff ? 'u' + c.toString(16).toUpperCase().padStart(4, '0') : 'U' + c.toString(16).toUpperCase().padStart(8, '0'))))
        }
        start = end + 1
        continue
      }
      if (split && ch === ' ' && end > 0 && end < chars.length - 1 && this.column + chunk.length > this.o.width) {
        this.write(chunk + '\\')
        chunk = ''
        this.indentTo(indent)
        this.write('\\')
        start = end
      }
      chunk += ch
    }
    void start
    this.write('"')
  }

  isFlow(v: unknown): boolean {
    const items = Array.isArray(v) ? v : Object.values(v as object)
    if (!items.length) return true
    if (this.o.flow === true) return true
    if (this.o.flow === false) return false
    return items.every((x) => !(Array.isArray(x) || isDict(x)))
  }

  keys(d: Record<string, unknown>): string[] {
    const k = Object.keys(d)
    return this.o.sortKeys ? k.sort() : k
  }

  flowNode(v: unknown, indent: number): void {
    if (Array.isArray(v)) {
      this.write('[')
      v.forEach((x, i) => {
        if (i) this.write(',')
        if (this.column > this.o.width) this.indentTo(indent + this.o.indent)
        else if (i) this.write(' ')
        this.flowNode(x, indent + this.o.indent)
      })
      this.write(']')
    } else if (isDict(v)) {
      this.write('{')
      this.keys(v).forEach((k, i) => {
        if (i) this.write(',')
        if (this.column > this.o.width) this.indentTo(indent + this.o.indent)
        else if (i) this.write(' ')
        this.scalar(k, indent + this.o.indent, true, true)
        this.write(': ')
        this.flowNode(v[k], indent + this.o.indent)
      })
      this.write('}')
    } else this.scalar(v, indent + this.o.indent, true, false)
  }

  /** A block mapping whose first key is written at the current position (already at `indent`). */
  mapping(d: Record<string, unknown>, indent: number): void {
    this.keys(d).forEach((k, i) => {
      if (i) this.indentTo(indent)
      this.scalar(k, indent, false, true)
      this.write(':')
      this.value(d[k], indent, true)
    })
  }

  sequence(l: unknown[], indent: number): void {
    l.forEach((x, i) => {
      if (i) this.indentTo(indent)
      this.write('-')
      this.value(x, indent, false)
    })
  }

  /** A mapping value (inMapping) or a sequence item, after its ':' or '-'. */
  value(v: unknown, indent: number, inMapping: boolean): void {
    const coll = Array.isArray(v) || isDict(v)
    if (!coll) {
      this.write(' ')
      this.scalar(v, indent + this.o.indent, false, false)
      return
    }
    if (this.isFlow(v)) {
      this.write(' ')
      this.flowNode(v, indent)
      return
    }
    if (inMapping) {
      if (Array.isArray(v)) {
        this.indentTo(indent)
        this.sequence(v, indent)
      } else {
        this.indentTo(indent + this.o.indent)
        this.mapping(v as Record<string, unknown>, indent + this.o.indent)
      }
      return
    }
    // inside a sequence item: continue on the same line, padded to the nested indent
    this.write(' '.repeat(Math.max(1, this.o.indent - 1)))
    if (Array.isArray(v)) this.sequence(v, indent + this.o.indent)
    else this.mapping(v as Record<string, unknown>, indent + this.o.indent)
  }
}

export function yamlDump(v: unknown, o: YamlOptions): string {
  const w = new Writer({ ...o, indent: o.indent >= 2 && o.indent <= 9 ? o.indent : 2 })
  if (Array.isArray(v) || isDict(v)) {
    if (w.isFlow(v)) w.flowNode(v, 0)
    else if (Array.isArray(v)) w.sequence(v, 0)
    else w.mapping(v, 0)
    return w.out + '\n'
  }
  // Ansible dumps with allow_unicode=True, which leaves a root plain scalar without PyYAML's '...' end
  w.scalar(v, w.o.indent, false, false)
  return w.out + '\n'
}
