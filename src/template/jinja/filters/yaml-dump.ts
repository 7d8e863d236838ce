// yaml.dump as Ansible's to_yaml/to_nice_yaml call it (PyYAML's emitter): sorted keys, indentless
// sequences under mapping keys, flow style for collections of scalars when default_flow_style=None,
// PyYAML's choice between plain, single- and double-quoted scalars, and folding at 80 columns.
import { isDict } from '../py.js'
import { PyFloat, floatRepr } from '../pyfloat.js'
import { BREAKS, ESC, IMPLICIT, analyze, isPrintable } from './yaml-scalar.js'

export interface YamlOptions {
  indent: number
  flow: boolean | null
  sortKeys: boolean
  width: number
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

  // libyaml's write_double_quoted: escapes, and a fold at a single space past the width
  doubleQuoted(text: string, indent: number, split: boolean): void {
    this.write('"')
    const chars = Array.from(text)
    let spaces = false
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]
      if (!isPrintable(ch) || ch === '\n' || BREAKS.includes(ch) || ch === '"' || ch === '\\' || ch === '\ufeff') {
        const c = ch.codePointAt(0)!
        this.write('\\' + (ESC[ch] ?? (c <= 0xff ? 'x' + c.toString(16).toUpperCase().padStart(2, '0') : c <= 0xffff ? 'u' + c.toString(16).toUpperCase().padStart(4, '0') : 'U' + c.toString(16).toUpperCase().padStart(8, '0'))))
        spaces = false
      } else if (ch === ' ') {
        if (split && !spaces && this.column > this.o.width && i !== 0 && i !== chars.length - 1) {
          this.indentTo(indent)
          if (chars[i + 1] === ' ') this.write('\\')
        } else this.write(ch)
        spaces = true
      } else {
        this.write(ch)
        spaces = false
      }
    }
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
        if (!isSimpleKey(k)) {
          this.write('? ')
          this.scalar(k, indent + this.o.indent, true, false)
          this.indentTo(indent + this.o.indent)
          this.write(': ')
        } else {
          this.scalar(k, indent + this.o.indent, true, true)
          this.write(': ')
        }
        this.flowNode(v[k], indent + this.o.indent)
      })
      this.write('}')
    } else this.scalar(v, indent + this.o.indent, true, false)
  }

  /** A block mapping whose first key is written at the current position (already at `indent`). */
  mapping(d: Record<string, unknown>, indent: number): void {
    this.keys(d).forEach((k, i) => {
      if (i) this.indentTo(indent)
      if (!isSimpleKey(k)) {
        this.write('? ')
        this.scalar(k, indent + this.o.indent, false, false)
        this.indentTo(indent)
      } else this.scalar(k, indent, false, true)
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

function isSimpleKey(k: string): boolean {
  return k.length < 128 && !/[\n\x85\u2028\u2029]/.test(k)
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
