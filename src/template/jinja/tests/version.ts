// Version comparison as Ansible's `version` test does it: LooseVersion (default), StrictVersion
// (strict=True), SemanticVersion (version_type='semver').
import { filterError } from '../errors.js'
import { cmp } from '../py.js'

/** distutils LooseVersion: numbers and lowercase-letter runs; other characters are their own parts. */
export function looseVersionKey(v: string): unknown[] {
  return v
    .split(/(\d+|[a-z]+|\.)/)
    .filter((p) => p && p !== '.')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

function strictKey(v: string): unknown[] {
  const m = /^(\d+)\.(\d+)(\.(\d+))?([ab](\d+))?$/.exec(v)
  if (!m) throw new Error(`invalid version number '${v}'`)
  // a release sorts after its pre-releases
  return [Number(m[1]), Number(m[2]), Number(m[4] ?? 0), m[5] ? 0 : 1, m[5] ? m[5][0] : '', Number(m[6] ?? 0)]
}

function semverCompare(a: string, b: string): number {
  const re = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/
  const pa = re.exec(a)
  const pb = re.exec(b)
  if (!pa) throw new Error(`invalid semantic version '${a}'`)
  if (!pb) throw new Error(`invalid semantic version '${b}'`)
  for (let i = 1; i <= 3; i++) if (Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) - Number(pb[i])
  const ra = pa[4]?.split('.') ?? []
  const rb = pb[4]?.split('.') ?? []
  if (!ra.length || !rb.length) return rb.length - ra.length
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]
    const y = rb[i]
    if (x === y) continue
    const nx = /^\d+$/.test(x)
    const ny = /^\d+$/.test(y)
    if (nx && ny) return Number(x) - Number(y)
    if (nx) return -1
    if (ny) return 1
    return x < y ? -1 : 1
  }
  return ra.length - rb.length
}

const OPS: Record<string, string> = { '==': 'eq', '=': 'eq', eq: 'eq', '<': 'lt', lt: 'lt', '<=': 'le', le: 'le', '>': 'gt', gt: 'gt', '>=': 'ge', ge: 'ge', '!=': 'ne', '<>': 'ne', ne: 'ne' }

export function versionCompare(value: string, version: string, operator: string, strict: unknown, versionType: unknown): boolean {
  if (strict != null && versionType != null) throw filterError("Cannot specify both 'strict' and 'version_type'")
  if (!value) throw filterError('Input version value cannot be empty')
  if (!version) throw filterError('Version parameter to compare against cannot be empty')
  const op = OPS[operator]
  if (!op) throw filterError(`Invalid operator type (${operator}). Must be one of ${Object.keys(OPS).join(', ')}`)
  const type = strict ? 'strict' : versionType == null ? 'loose' : String(versionType)
  if (!['loose', 'strict', 'semver', 'semantic', 'pep440'].includes(type)) throw filterError(`Invalid version type (${type}). Must be one of loose, strict, semver, semantic, pep440`)
  let c: number
  try {
    if (type === 'semver' || type === 'semantic') c = semverCompare(value, version)
    else if (type === 'strict') c = cmp(strictKey(value), strictKey(version))
    else c = cmp(looseVersionKey(value), looseVersionKey(version))
  } catch (e) {
    throw filterError(`Version comparison failed: ${(e as Error).message}`)
  }
  switch (op) {
    case 'eq': return c === 0
    case 'ne': return c !== 0
    case 'lt': return c < 0
    case 'le': return c <= 0
    case 'gt': return c > 0
    default: return c >= 0
  }
}
