// Compiling template text (cached per text and settings) and Ansible's do_template around it: the
// `#jinja2:` override header, trailing newlines, the concat rule, and the single-variable shortcut.
import type { Stmt } from './ast.js'
import { type CompiledTemplate, NativeText, compileBody, renderCompiled, type Sx } from './compile-stmt.js'
import { compileExpr, wrapError } from './compile-expr.js'
import { JinjaError } from './errors.js'
import { escapeBackslashes, tokenize } from './lexer.js'
import { literalEvalRule } from './literal.js'
import { Parser } from './parser.js'
import { str } from './py.js'
import { PyFloat } from './pyfloat.js'
import type { Frame, Runtime } from './runtime.js'

export interface TemplateSettings {
  trimBlocks: boolean
  lstripBlocks: boolean
  keepTrailingNewline: boolean
  escapeBackslashes: boolean
  newlineSequence: string
}

export const DEFAULTS: TemplateSettings = { trimBlocks: true, lstripBlocks: false, keepTrailingNewline: false, escapeBackslashes: true, newlineSequence: '\n' }

// compiled templates by settings, then by text (the text itself is the key: no concatenated key to hash)
const caches = new Map<string, Map<string, CompiledTemplate>>()
let cached = 0
const CACHE_MAX = 20000

export function parseTemplate(text: string, s: TemplateSettings): Stmt[] {
  // Jinja reads every newline (\r\n, \r, \n) as \n, drops one at the end, and writes template data's
  // newlines as newline_sequence
  let src = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
  if (!s.keepTrailingNewline && src.endsWith('\n')) src = src.slice(0, -1)
  const lex = { trimBlocks: s.trimBlocks, lstripBlocks: s.lstripBlocks }
  const toks = tokenize(s.escapeBackslashes ? escapeBackslashes(src, lex) : src, lex)
  if (s.newlineSequence !== '\n') for (const t of toks) if (t.type === 'data' || t.type === 'string') t.value = t.value.replace(/\n/g, s.newlineSequence)
  return new Parser(toks).parseTemplate()
}

export function compileTemplate(text: string, s: TemplateSettings): CompiledTemplate {
  const skey = `${s.trimBlocks ? 1 : 0}${s.lstripBlocks ? 1 : 0}${s.keepTrailingNewline ? 1 : 0}${s.escapeBackslashes ? 1 : 0}${s.newlineSequence}`
  let cache = caches.get(skey)
  if (!cache) caches.set(skey, (cache = new Map()))
  const hit = cache.get(text)
  if (hit) return hit
  const stmts = parseTemplate(text, s)
  const blocks: Record<string, Sx> = {}
  const first = stmts.find((x) => !(x.t === 'data' && !x.text.trim()))
  const extendsExpr = first?.t === 'extends' ? compileExpr(first.template) : undefined
  const body = extendsExpr ? stmts.filter((x) => x !== first) : stmts
  const root = compileBody(body, blocks)
  const t: CompiledTemplate = { root, blocks, extendsExpr }
  if (++cached > CACHE_MAX) {
    for (const c of caches.values()) c.clear()
    cached = 1
  }
  cache.set(text, t)
  return t
}

export const plainConcat = (out: unknown[]): string => {
  if (out.length === 1) return typeof out[0] === 'string' ? out[0] : str(out[0])
  let s = ''
  for (const v of out) s += typeof v === 'string' ? v : str(v)
  return s
}

export const evalConcat = (out: unknown[]): unknown => (out.length === 1 && out[0] instanceof NativeText ? out[0].text : literalEvalRule(plainConcat(out)))

export function isPossiblyTemplate(s: string): boolean {
  for (let i = s.indexOf('{'); i >= 0 && i < s.length - 1; i = s.indexOf('{', i + 1)) {
    const c = s.charCodeAt(i + 1)
    if (c === 123 || c === 37 || c === 35) return true // { % #
  }
  return false
}

const SINGLE_VAR = /^\{\{\s*(\w*)\s*\}\}$/

export interface DoTemplateOptions {
  convert: boolean
  preserveNewlines?: boolean
  escapeBackslashes?: boolean
  failOnUndefined?: boolean
  settings?: Partial<TemplateSettings>
  name?: string
}

function countTrailingNewlines(s: string): number {
  let i = s.length
  while (i > 0 && s[i - 1] === '\n') i--
  return s.length - i
}

/** Templar.template(text) for one string (Templar.do_template with its shortcuts). */
export function templateString(text: string, rt: Runtime, o: DoTemplateOptions): unknown {
  if (!isPossiblyTemplate(text)) return text
  const single = SINGLE_VAR.exec(text)
  if (single && single[1] in rt.vars) {
    const raw = rt.vars[single[1]]
    if (typeof raw === 'boolean' || typeof raw === 'number' || raw instanceof PyFloat) return raw
    if (raw === null) return null
  }
  const settings: TemplateSettings = { ...DEFAULTS, ...o.settings, escapeBackslashes: o.escapeBackslashes ?? true }
  const dataNewlines = countTrailingNewlines(text)
  let data = text
  if (data.startsWith('#jinja2:')) {
    const eol = data.indexOf('\n')
    const line = data.slice(8, eol < 0 ? undefined : eol)
    data = eol < 0 ? '' : data.slice(eol + 1)
    applyOverrides(line, settings)
  }
  try {
    const t = compileTemplate(data, settings)
    const f: Frame = { l: Object.create(null), rt, concat: o.convert ? evalConcat : plainConcat, name: o.name }
    const out: unknown[] = []
    renderCompiled(t, f, out)
    let res = f.concat(out)
    if (typeof res === 'string' && (o.preserveNewlines ?? true)) {
      const have = countTrailingNewlines(res)
      if (dataNewlines > have) res += settings.newlineSequence.repeat(dataNewlines - have)
    }
    return res
  } catch (e) {
    const err = wrapError(e)
    if (err.text === undefined) {
      err.text = data
      if (data !== text && err.pos !== undefined) err.pos += text.length - data.length
    }
    if (err.kind === 'undefined' && o.failOnUndefined === false) return text
    throw err
  }
}

const OVERRIDE_KEYS: Record<string, keyof TemplateSettings> = {
  trim_blocks: 'trimBlocks',
  lstrip_blocks: 'lstripBlocks',
  keep_trailing_newline: 'keepTrailingNewline',
  newline_sequence: 'newlineSequence',
}

function applyOverrides(line: string, s: TemplateSettings): void {
  for (const pair of line.split(',')) {
    const i = pair.indexOf(':')
    if (i < 0) throw new JinjaError(`failed to parse jinja2 override '${pair.trim()}'. Did you use something different from colon as key-value separator?`)
    const key = pair.slice(0, i).trim()
    const raw = pair.slice(i + 1).trim()
    const value = raw === 'True' ? true : raw === 'False' ? false : /^(['"]).*\1$/.test(raw) ? JSON.parse('"' + raw.slice(1, -1).replace(/"/g, '\\"') + '"') : raw
    const k = OVERRIDE_KEYS[key]
    if (k) (s as unknown as Record<string, unknown>)[k] = value
  }
}
