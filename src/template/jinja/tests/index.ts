// Tests: Jinja's builtins and Ansible's (result tests, regex, version, sets, paths, math).
import { existsSync, lstatSync, statSync, readFileSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { defineTests } from '../registry.js'
import { JinjaError, filterError } from '../errors.js'
import { urlsplit } from '../filters/paths.js'
import { contains, eq, cmp, isDict, iterate, str, truthy } from '../py.js'
import { isFloat, isNumber, num } from '../pyfloat.js'
import { Undefined } from '../undefined.js'
import { pyRegex } from '../filters/regex.js'
import { versionCompare } from './version.js'
import { findFilter, findTest } from '../registry.js'

const needResult = (r: unknown, name: string): Record<string, unknown> => {
  if (!isDict(r)) throw filterError(`The '${name}' test expects a dictionary`)
  return r
}
const failed = (r: unknown) => truthy(needResult(r, 'failed').failed ?? false)
const changed = (r: unknown) => {
  const d = needResult(r, 'changed')
  if (!('changed' in d) && Array.isArray(d.results) && isDict(d.results[0])) return d.results.some((x) => isDict(x) && truthy(x.changed ?? false))
  return truthy(d.changed ?? false)
}
const skipped = (r: unknown) => truthy(needResult(r, 'skipped').skipped ?? false)
const unreachable = (r: unknown) => truthy(needResult(r, 'unreachable').unreachable ?? false)

function regexTest(v: unknown, pattern: unknown, ignorecase: unknown, multiline: unknown, type: string): boolean {
  const re = pyRegex(str(pattern), { i: Boolean(ignorecase), m: Boolean(multiline) })
  const s = str(v)
  if (type === 'match') {
    const sticky = new RegExp(re.source, re.flags + 'y')
    return sticky.test(s)
  }
  if (type === 'fullmatch') return new RegExp(`^(?:${re.source})$`, re.flags).test(s)
  return re.test(s)
}

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v)
const isSeq = (v: unknown) => typeof v === 'string' || Array.isArray(v) || isDict(v)

defineTests({
  defined: ['', (_rt, v) => !(v instanceof Undefined), { lazy: true }],
  undefined: ['', (_rt, v) => v instanceof Undefined, { lazy: true }],
  none: ['', (_rt, v) => v === null, { lazy: true }],
  boolean: ['', (_rt, v) => typeof v === 'boolean', { lazy: true }],
  true: ['', (_rt, v) => v === true, { lazy: true }],
  false: ['', (_rt, v) => v === false, { lazy: true }],
  integer: ['', (_rt, v) => isInt(v), { lazy: true }],
  float: ['', (_rt, v) => isFloat(v), { lazy: true }],
  number: ['', (_rt, v) => isNumber(v) || typeof v === 'boolean', { lazy: true }],
  string: ['', (_rt, v) => typeof v === 'string', { lazy: true }],
  mapping: ['', (_rt, v) => isDict(v), { lazy: true }],
  sequence: ['', (_rt, v) => isSeq(v), { lazy: true }],
  iterable: ['', (_rt, v) => isSeq(v) || (typeof v === 'object' && v !== null && typeof (v as { pyIter?: unknown }).pyIter === 'function'), { lazy: true }],
  callable: ['', (_rt, v) => typeof v === 'function', { lazy: true }],
  sameas: ['other', (_rt, v, o) => v === o || (v === null && o === null), { lazy: true }],
  escaped: ['', () => false, { lazy: true }],
  // Ansible's plugin loader raises for an unknown name instead of answering false
  filter: ['', (_rt, v) => (findFilter(str(v)) !== undefined ? true : fail(`Could not load "${str(v)}": '${str(v)}'`))],
  test: ['', (_rt, v) => (findTest(str(v)) !== undefined ? true : fail(`Could not load "${str(v)}": '${str(v)}'`))],
  odd: ['', (_rt, v) => Math.abs(Number(num(v) ?? NaN) % 2) === 1],
  even: ['', (_rt, v) => Number(num(v) ?? NaN) % 2 === 0],
  divisibleby: ['num', (_rt, v, n) => Number(num(v)) % Number(num(n)) === 0],
  lower: ['', (_rt, v) => { const s = str(v); return /\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s) }],
  upper: ['', (_rt, v) => { const s = str(v); return /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s) }],
  in: ['seq', (_rt, v, seq) => contains(seq, v)],
  eq: ['other', (_rt, v, o) => eq(v, o)],
  equalto: ['other', (_rt, v, o) => eq(v, o)],
  '==': ['other', (_rt, v, o) => eq(v, o)],
  ne: ['other', (_rt, v, o) => !eq(v, o)],
  '!=': ['other', (_rt, v, o) => !eq(v, o)],
  lt: ['other', (_rt, v, o) => cmp(v, o, '<') < 0],
  lessthan: ['other', (_rt, v, o) => cmp(v, o, '<') < 0],
  '<': ['other', (_rt, v, o) => cmp(v, o, '<') < 0],
  le: ['other', (_rt, v, o) => cmp(v, o, '<=') <= 0],
  '<=': ['other', (_rt, v, o) => cmp(v, o, '<=') <= 0],
  gt: ['other', (_rt, v, o) => cmp(v, o, '>') > 0],
  greaterthan: ['other', (_rt, v, o) => cmp(v, o, '>') > 0],
  '>': ['other', (_rt, v, o) => cmp(v, o, '>') > 0],
  ge: ['other', (_rt, v, o) => cmp(v, o, '>=') >= 0],
  '>=': ['other', (_rt, v, o) => cmp(v, o, '>=') >= 0],
  // Ansible's result tests
  failed: ['', (_rt, r) => failed(r)],
  failure: ['', (_rt, r) => failed(r)],
  succeeded: ['', (_rt, r) => !failed(r)],
  success: ['', (_rt, r) => !failed(r)],
  successful: ['', (_rt, r) => !failed(r)],
  changed: ['', (_rt, r) => changed(r)],
  change: ['', (_rt, r) => changed(r)],
  skipped: ['', (_rt, r) => skipped(r)],
  skip: ['', (_rt, r) => skipped(r)],
  unreachable: ['', (_rt, r) => unreachable(r)],
  reachable: ['', (_rt, r) => !unreachable(r)],
  finished: ['', (_rt, r) => num(needResult(r, 'finished').finished ?? 1) === 1],
  started: ['', (_rt, r) => num(needResult(r, 'started').started ?? 1) === 1],
  timedout: ['', (_rt, r) => truthy((needResult(r, 'timedout').timedout as Record<string, unknown> | undefined)?.period ?? false)],
  // regex
  match: ['pattern,ignorecase,multiline', (_rt, v, p = '', ic = false, ml = false) => regexTest(v, p, ic, ml, 'match')],
  search: ['pattern,ignorecase,multiline', (_rt, v, p = '', ic = false, ml = false) => regexTest(v, p, ic, ml, 'search')],
  regex: ['pattern,ignorecase,multiline,match_type', (_rt, v, p = '', ic = false, ml = false, t = 'search') => regexTest(v, p, ic, ml, str(t))],
  version: ['version,operator,strict,version_type', (_rt, v, version, op = 'eq', strict = null, vt = null) => versionCompare(str(v), str(version), str(op), strict, vt)],
  version_compare: ['version,operator,strict,version_type', (_rt, v, version, op = 'eq', strict = null, vt = null) => versionCompare(str(v), str(version), str(op), strict, vt)],
  // sets and truth
  subset: ['b', (_rt, a, b) => iterate(a).every((x) => contains(b, x))],
  issubset: ['b', (_rt, a, b) => iterate(a).every((x) => contains(b, x))],
  superset: ['b', (_rt, a, b) => iterate(b).every((x) => contains(a, x))],
  issuperset: ['b', (_rt, a, b) => iterate(b).every((x) => contains(a, x))],
  contains: ['value', (_rt, seq, v) => contains(seq, v)],
  any: ['', (_rt, v) => iterate(v).some(truthy)],
  all: ['', (_rt, v) => iterate(v).every(truthy)],
  truthy: ['convert_bool', (_rt, v) => truthy(v)],
  falsy: ['convert_bool', (_rt, v) => !truthy(v)],
  nan: ['', (_rt, v) => isFloat(v) && Number.isNaN(num(v))],
  isnan: ['', (_rt, v) => isFloat(v) && Number.isNaN(num(v))],
  // controller-side paths
  abs: ['', (_rt, p) => isAbsolute(str(p))],
  is_abs: ['', (_rt, p) => isAbsolute(str(p))],
  exists: ['', (_rt, p) => existsSync(str(p))],
  file: ['', (_rt, p) => existsSync(str(p)) && statSync(str(p)).isFile()],
  is_file: ['', (_rt, p) => existsSync(str(p)) && statSync(str(p)).isFile()],
  directory: ['', (_rt, p) => existsSync(str(p)) && statSync(str(p)).isDirectory()],
  is_dir: ['', (_rt, p) => existsSync(str(p)) && statSync(str(p)).isDirectory()],
  link: ['', (_rt, p) => { try { return lstatSync(str(p)).isSymbolicLink() } catch { return false } }],
  is_link: ['', (_rt, p) => { try { return lstatSync(str(p)).isSymbolicLink() } catch { return false } }],
  mount: ['', (_rt, p) => isMount(str(p))],
  is_mount: ['', (_rt, p) => isMount(str(p))],
  is_same_file: ['other', (_rt, a, b) => { try { const x = statSync(str(a)); const y = statSync(str(b)); return x.ino === y.ino && x.dev === y.dev } catch { return false } }],
  link_exists: ['', (_rt, p) => { try { return lstatSync(str(p)) !== undefined } catch { return false } }],
  uri: ['schemes', (_rt, v, schemes = null) => isUri(v, schemes)],
  url: ['schemes', (_rt, v, schemes = null) => isUri(v, schemes) && (urlsplit(str(v)).netloc !== '' || urlsplit(str(v)).scheme === 'file')],
  urn: ['', (_rt, v) => isUri(v, ['urn'])],
  same_file: ['other', (_rt, a, b) => { try { const x = statSync(str(a)); const y = statSync(str(b)); return x.ino === y.ino && x.dev === y.dev } catch { return false } }],
  // only a vault-tagged value (an object with __ENCRYPTED__, as Ansible's AnsibleVaultEncryptedUnicode) counts
  vault_encrypted: ['', (_rt, v) => typeof v === 'object' && v !== null && (v as { __ENCRYPTED__?: unknown }).__ENCRYPTED__ === true],
})

function isUri(v: unknown, schemes: unknown): boolean {
  if (typeof v !== 'string') return false
  return !Array.isArray(schemes) || schemes.map((x) => str(x)).includes(String(urlsplit(v).scheme))
}

function fail(message: string): never {
  throw new JinjaError(message, 'syntax')
}

function isMount(p: string): boolean {
  try {
    return readFileSync('/proc/self/mounts', 'utf8').split('\n').some((l) => l.split(' ')[1] === p)
  } catch {
    return false
  }
}
