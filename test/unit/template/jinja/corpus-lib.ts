// Runs one corpus of ../shared/jinja against the engine (shared by the corpus test and the script).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { condition, evaluate, renderFile, type JinjaOptions } from '../../../../src/template/jinja/index.js'
import { markScope } from '../../../../src/template/markers.js'
import { canon, sameNative } from './canon.js'
import { PyFloat } from '../../../../src/template/jinja/pyfloat.js'

interface Probe {
  id: string
  kind: 'expr' | 'cond' | 'tpl'
  text: string
  ctx: string
  src?: string
}
type Verdict = { ok: true; native?: string; str?: string } | { ok: false; err: string }

export interface Mismatch {
  id: string
  kind: string
  text: string
  expected: Verdict
  got: { ok: true; value: unknown } | { ok: false; err: string }
  category: string
}

export interface CorpusReport {
  name: string
  okTotal: number
  okAgree: number
  failTotal: number
  failAgree: number
  categories: Map<string, string[]>
  mismatches: Mismatch[]
}

/** The contexts as tsplay would hand them over: each hostvars entry is one host's scope. */
function prepareContext(ctx: Record<string, unknown>): Record<string, unknown> {
  const hv = ctx.hostvars
  if (hv && typeof hv === 'object') for (const h of Object.values(hv as Record<string, unknown>)) markScope(h)
  return ctx
}

/** JSON.parse keeping integral floats (`20.0`) as Python floats, as Ansible's YAML loader reads them. */
function parseWithFloats(text: string): unknown {
  const marked = text.replace(/("(?:[^"\\]|\\.)*")|(-?\d+\.0+)(?=\s*[,\]}])/g, (_m, s, f) => (s ? s : `{"__pyfloat__": ${f}}`))
  return JSON.parse(marked, (_k, v) => (v && typeof v === 'object' && '__pyfloat__' in v ? new PyFloat(v.__pyfloat__) : v))
}

function pyTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0
  if (v && typeof v === 'object') return Object.keys(v).length > 0
  return Boolean(v)
}

function shorten(s: string): string {
  return s.replace(/'[^']*'/g, "'X'").replace(/\d+/g, 'N').slice(0, 90)
}

export function runCorpus(dir: string, name: string, only?: string): CorpusReport {
  return runProbes(name, join(dir, `corpus-${name}.json`), join(dir, `expected-${name}.json`), only)
}

/** Runs a probe file against the oracle's verdicts for it (oracle.py's input and output files). */
export function runProbes(name: string, corpusPath: string, expectedPath: string, only?: string, options: JinjaOptions = {}): CorpusReport {
  const corpus = parseWithFloats(readFileSync(corpusPath, 'utf8')) as { contexts: Record<string, Record<string, unknown>>; probes: Probe[] }
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Record<string, Verdict>
  const contexts: Record<string, Record<string, unknown>> = {}
  for (const [k, v] of Object.entries(corpus.contexts)) contexts[k] = prepareContext(v)
  const r: CorpusReport = { name, okTotal: 0, okAgree: 0, failTotal: 0, failAgree: 0, categories: new Map(), mismatches: [] }
  for (const p of corpus.probes) {
    if (only && !p.id.startsWith(only)) continue
    const exp = expected[p.id]
    if (!exp) continue
    const vars = contexts[p.ctx]
    let got: Mismatch['got']
    try {
      const value = p.kind === 'expr' ? evaluate(`{{ ${p.text} }}`, vars, options) : p.kind === 'cond' ? condition(p.text, vars, options) : renderFile(p.text, vars, { ...options, isFile: true })
      got = { ok: true, value }
    } catch (e) {
      got = { ok: false, err: e instanceof Error ? e.message : String(e) }
    }
    let agree: boolean
    let category = ''
    if (exp.ok) {
      r.okTotal++
      if (!got.ok) {
        agree = false
        category = `we raise: ${shorten(got.err)}`
      } else if (p.kind === 'tpl') {
        agree = got.value === exp.str
        category = 'tpl: text differs'
      } else {
        const want = JSON.parse(exp.native!)
        // condition() returns a boolean: a non-bool first-pass result (`when: "{{ [] }}"`) counts by truthiness
        agree = p.kind === 'cond' && typeof want !== 'boolean' ? got.value === pyTruthy(want) : sameNative(canon(got.value), want)
        category = `${p.kind}: value differs`
      }
      if (agree) r.okAgree++
    } else {
      r.failTotal++
      agree = !got.ok
      category = `we render, Ansible raises: ${shorten(exp.err.replace(/^The conditional check '.*?' failed\. The error was: /s, ''))}`
      if (agree) r.failAgree++
    }
    if (!agree) {
      r.mismatches.push({ id: p.id, kind: p.kind, text: p.text, expected: exp, got, category })
      const list = r.categories.get(category) ?? []
      list.push(p.id)
      r.categories.set(category, list)
    }
  }
  return r
}
