// Controller-side lookups that read files, the environment or commands: env file template vars pipe
// lines first_found fileglob ini csvfile unvault password.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { basename, dirname, isAbsolute, join } from 'node:path'
import type { Kw } from '../callable.js'
import { JinjaError } from '../errors.js'
import { isDict, iterate, str } from '../py.js'
import type { Runtime } from '../runtime.js'
import { Runtime as RuntimeClass } from '../runtime.js'
import { templateString } from '../template.js'
import { Undefined } from '../undefined.js'
import { findFile, searchBases } from './paths.js'
import { passwordLookup } from './password.js'
import { parseKv } from './kv.js'
import { templateVars } from '../template-vars.js'

class LookupFail extends JinjaError {
  constructor(msg: string) {
    super(msg, 'lookup')
  }
}

const ctxOf = (rt: Runtime) => rt.options.lookups
const strs = (terms: unknown[]): string[] => terms.flatMap((t) => (Array.isArray(t) ? t.map((x) => str(x)) : [str(t)]))

function readMaybeVault(rt: Runtime, path: string): string {
  const text = readFileSync(path, 'utf8')
  if (text.startsWith('$ANSIBLE_VAULT;')) {
    const dec = ctxOf(rt)?.vaultDecrypt
    if (!dec) throw new LookupFail(`A vault password must be specified to decrypt ${path}`)
    return dec(text, path).toString('utf8')
  }
  return text
}

function globToRe(p: string): RegExp {
  let re = ''
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const j = p.indexOf(']', i + 1)
      if (j < 0) re += '\\['
      else {
        re += '[' + p.slice(i + 1, j).replace(/^!/, '^') + ']'
        i = j
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

export const fileLookups: Record<string, (terms: unknown[], rt: Runtime, kw: Kw) => unknown[]> = {
  env: (terms, rt, kw) => {
    const env = ctxOf(rt)?.env ?? process.env
    return strs(terms).map((t) => env[t] ?? (kw.default !== undefined ? kw.default : ''))
  },
  file: (terms, rt, kw) =>
    strs(terms).map((t) => {
      const p = findFile(t, 'files', ctxOf(rt))
      if (!p) throw new LookupFail(`could not locate file in lookup: ${t}`)
      let text = readMaybeVault(rt, p)
      if (kw.rstrip ?? true) text = text.replace(/\s+$/, '')
      if (kw.lstrip) text = text.replace(/^\s+/, '')
      return text
    }),
  unvault: (terms, rt) =>
    strs(terms).map((t) => {
      const p = findFile(t, 'files', ctxOf(rt))
      if (!p) throw new LookupFail(`Unable to find file matching "${t}" `)
      return readMaybeVault(rt, p)
    }),
  template: (terms, rt, kw) =>
    strs(terms).map((t) => {
      const p = findFile(t, 'templates', ctxOf(rt))
      if (!p) throw new LookupFail(`the template file ${t} could not be found for the lookup`)
      const text = readFileSync(p, 'utf8')
      const extra = { ...templateVars(t, p), ...(isDict(kw.template_vars) ? kw.template_vars : {}) }
      const vars = Object.assign(Object.create(rt.vars), extra)
      const sub = new RuntimeClass(vars, rt.engine, rt.options)
      return templateString(text, sub, {
        convert: Boolean(kw.convert_data ?? true),
        escapeBackslashes: false,
        name: p,
        settings: { trimBlocks: Boolean(kw.trim_blocks ?? true), lstripBlocks: Boolean(kw.lstrip_blocks ?? false) },
      })
    }),
  vars: (terms, rt, kw) =>
    strs(terms).map((t) => {
      if (!(t in rt.vars)) {
        if (kw.default !== undefined) return kw.default
        throw new JinjaError(`No variable found with this name: ${t}`, 'undefined', undefined, t)
      }
      const v = rt.resolve(t)
      if (v instanceof Undefined) v.fail()
      return v
    }),
  pipe: (terms) =>
    strs(terms).map((t) => {
      try {
        return execFileSync('/bin/sh', ['-c', t], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\s+$/, '')
      } catch (e) {
        throw new LookupFail(`lookup_plugin.pipe(${t}) returned ${(e as { status?: number }).status ?? 1}`)
      }
    }),
  lines: (terms) =>
    strs(terms).flatMap((t) => {
      try {
        return execFileSync('/bin/sh', ['-c', t], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split(/\r?\n/).filter((l, i, a) => i < a.length - 1 || l !== '')
      } catch (e) {
        throw new LookupFail(`lookup_plugin.lines(${t}) returned ${(e as { status?: number }).status ?? 1}`)
      }
    }),
  first_found: (terms, rt, kw) => {
    let files: string[] = []
    let paths: string[] = []
    let skip = Boolean(kw.skip)
    const addFiles = (v: unknown) => {
      for (const x of Array.isArray(v) ? v : [v]) files.push(...str(x).split(/[,;]/).map((s) => s.trim()).filter(Boolean))
    }
    if (kw.files !== undefined) addFiles(kw.files)
    if (kw.paths !== undefined) for (const x of iterate(kw.paths)) paths.push(...str(x).split(/[,:;]/).filter(Boolean))
    for (const t of terms.flatMap((t) => (Array.isArray(t) ? t : [t]))) {
      if (isDict(t)) {
        if (t.files !== undefined) addFiles(t.files)
        if (t.paths !== undefined) for (const x of iterate(t.paths)) paths.push(...str(x).split(/[,:;]/).filter(Boolean))
        if (t.skip !== undefined) skip = Boolean(t.skip)
      } else files.push(str(t))
    }
    const subdir = 'files'
    for (const fn of files) {
      const candidates = paths.length ? paths.map((p) => join(p, fn)) : [fn]
      for (const c of candidates) {
        const found = findFile(c, subdir, ctxOf(rt))
        if (found) return [found]
      }
    }
    if (skip) return []
    throw new LookupFail('No file was found when using first_found.')
  },
  fileglob: (terms, rt) =>
    strs(terms).flatMap((t) => {
      const dir = dirname(t)
      const bases = isAbsolute(t) ? [dir] : searchBases(ctxOf(rt)).flatMap((b) => [join(b, 'files', dir), join(b, dir)])
      const re = globToRe(basename(t))
      for (const d of bases) {
        if (!existsSync(d)) continue
        const hits = readdirSync(d).filter((n) => re.test(n)).sort().map((n) => join(d, n))
        if (hits.length) return hits
      }
      return []
    }),
  ini: (terms, rt, kw) =>
    strs(terms).map((t) => {
      const { key, opts } = parseKv(t, { section: 'global', file: 'ansible.ini', default: '', re: 'False', type: 'ini', encoding: 'utf-8', case_sensitive: 'False', allow_no_value: 'False' }, kw)
      const p = findFile(opts.file, 'files', ctxOf(rt))
      if (!p) throw new LookupFail(`Could not locate ini file ${opts.file}`)
      const text = readFileSync(p, 'utf8')
      const values: Record<string, string> = {}
      let section = opts.type === 'properties' ? 'java_properties' : ''
      for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim()
        if (!line || line.startsWith('#') || line.startsWith(';')) continue
        const sec = /^\[(.*)\]$/.exec(line)
        if (sec) section = sec[1]
        else if (section === (opts.type === 'properties' ? 'java_properties' : opts.section)) {
          const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line)
          if (m) values[opts.case_sensitive === 'True' ? m[1] : m[1].toLowerCase()] = m[2]
        }
      }
      const k = opts.case_sensitive === 'True' ? key : key.toLowerCase()
      if (opts.re === 'True') {
        const re = new RegExp(key)
        return Object.keys(values).filter((x) => re.test(x)).map((x) => values[x]) as unknown as string
      }
      return k in values ? values[k] : opts.default
    }),
  csvfile: (terms, rt, kw) =>
    strs(terms).map((t) => {
      const { key, opts } = parseKv(t, { file: 'ansible.csv', col: '1', delimiter: 'TAB', default: '', encoding: 'utf-8' }, kw)
      const p = findFile(opts.file, 'files', ctxOf(rt))
      if (!p) throw new LookupFail(`csvfile: could not locate ${opts.file}`)
      const delim = opts.delimiter === 'TAB' || opts.delimiter === '\\t' ? '\t' : opts.delimiter
      for (const line of readFileSync(p, 'utf8').split(/\r?\n/)) {
        const cols = line.split(delim)
        if (cols[0] === key) return cols[Number(opts.col)] ?? opts.default
      }
      return opts.default
    }),
  password: passwordLookup,
}
