// Python package requirements as pip's Requirement/SpecifierSet read them, enough for the pip module to
// tell on the controller whether what `pip list` shows already satisfies a task (PEP 440 versions and
// specifiers, prereleases allowed as Ansible allows them; PEP 503 names).

export interface Requirement {
  name: string // canonical (PEP 503)
  specs: Array<[string, string]>
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*?)\s*$/
const SPEC = /^(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9_.*+!-]+)$/

export const canonicalName = (n: string) => n.replace(/[-_.]+/g, '-').toLowerCase()

/** `name[extras] op ver, op ver`; undefined when it is not one (a URL, a path, markers…). */
export function parseRequirement(text: string): Requirement | undefined {
  const m = NAME.exec(text)
  if (!m) return undefined
  const specs: Array<[string, string]> = []
  if (m[2] !== '') {
    for (const part of m[2].split(',')) {
      const s = SPEC.exec(part.trim())
      if (!s) return undefined
      specs.push([s[1], s[2]])
    }
  }
  return { name: canonicalName(m[1]), specs }
}

interface Version { epoch: number; release: number[]; pre?: [number, number]; post?: number; dev?: number; local: string }

const VERSION = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i

export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text.trim())
  if (!m) return undefined
  const preKind = m[3]?.toLowerCase()
  const pre = preKind === undefined ? undefined : ([{ a: 0, alpha: 0, b: 1, beta: 1 }[preKind as 'a'] ?? 2, Number(m[4] || 0)] as [number, number])
  const post = m[5] !== undefined ? Number(m[5]) : m[6] !== undefined ? Number(m[6] || 0) : undefined
  return { epoch: Number(m[1] ?? 0), release: m[2].split('.').map(Number), pre, post, dev: m[7] !== undefined ? Number(m[7] || 0) : undefined, local: m[8] ?? '' }
}

function cmpRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d) return Math.sign(d)
  }
  return 0
}

/** PEP 440 ordering (local versions compared as strings, enough for equality and order of plain ones). */
export function compareVersions(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) return Math.sign(a.epoch - b.epoch)
  const r = cmpRelease(a.release, b.release)
  if (r) return r
  // a dev release of a final comes before its pre-releases; pre before final; post after
  const preKey = (v: Version): number[] => (v.pre ? v.pre : v.post === undefined && v.dev !== undefined ? [-1, 0] : [3, 0])
  const [pa, pb] = [preKey(a), preKey(b)]
  if (pa[0] !== pb[0]) return Math.sign(pa[0] - pb[0])
  if (pa[1] !== pb[1]) return Math.sign(pa[1] - pb[1])
  const post = (v: Version) => (v.post === undefined ? -1 : v.post)
  if (post(a) !== post(b)) return Math.sign(post(a) - post(b))
  const dev = (v: Version) => (v.dev === undefined ? Infinity : v.dev)
  if (dev(a) !== dev(b)) return dev(a) < dev(b) ? -1 : 1
  return a.local === b.local ? 0 : a.local < b.local ? -1 : 1
}

function matches(op: string, spec: string, have: string): boolean {
  if (op === '===') return have === spec
  const v = parseVersion(have)
  if (!v) return false
  if ((op === '==' || op === '!=') && spec.endsWith('.*')) {
    const s = parseVersion(spec.slice(0, -2))
    const prefix = !!s && s.epoch === v.epoch && s.release.every((n, i) => (v.release[i] ?? 0) === n)
    return op === '==' ? prefix : !prefix
  }
  const s = parseVersion(spec)
  if (!s) return false
  // a spec without a local label ignores the candidate's
  const c = compareVersions(s.local ? v : { ...v, local: '' }, s)
  switch (op) {
    case '==': return c === 0
    case '!=': return c !== 0
    case '<=': return c <= 0
    case '>=': return c >= 0
    case '<': return c < 0 && !(v.pre && !s.pre && cmpRelease(v.release, s.release) === 0)
    case '>': return c > 0 && !(v.post !== undefined && s.post === undefined && cmpRelease(v.release, s.release) === 0)
    case '~=': {
      const upper = s.release.slice(0, Math.max(1, s.release.length - 1))
      return c >= 0 && upper.every((n, i) => (v.release[i] ?? 0) === n)
    }
  }
  return false
}

/** Does the installed version satisfy every specifier (prereleases allowed)? */
export function satisfies(req: Requirement, version: string): boolean {
  return req.specs.every(([op, spec]) => matches(op, spec, version))
}
