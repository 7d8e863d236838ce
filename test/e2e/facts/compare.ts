// Comparing ansible-core's setup with tsplay's, key by key. Every key tsplay gives must have Ansible's
// value, except where a documented reason says how they may differ; the keys Ansible gives and tsplay
// does not are returned (and must be the documented ones).
import { isDeepStrictEqual } from 'node:util'

export type Facts = Record<string, unknown>

/** Ansible keys tsplay does not give, and why. */
export const NOT_GIVEN: Record<string, string> = {
  ansible_selinux_python_present: "whether Python's selinux bindings are installed: tsplay reads selinuxfs itself",
}

type Rule = (a: unknown, t: unknown) => string | undefined

const sameType = (a: unknown, t: unknown): boolean =>
  Array.isArray(a) ? Array.isArray(t) : a === null ? t === null : typeof a === typeof t && !Array.isArray(t) && (t === null) === (a === null)

/** The same keys, each value of the same JSON type (recursively for objects). */
function sameShape(a: unknown, t: unknown): boolean {
  if (!sameType(a, t)) return false
  if (a && typeof a === 'object' && !Array.isArray(a)) {
    const ka = Object.keys(a).sort()
    const kt = Object.keys(t as object).sort()
    return isDeepStrictEqual(ka, kt) && ka.every((k) => sameShape((a as Facts)[k], (t as Facts)[k]))
  }
  return true
}

const sorted = (v: unknown) => (Array.isArray(v) ? [...v].map((x) => JSON.stringify(x)).sort() : v)
const asSet: Rule = (a, t) => (isDeepStrictEqual(sorted(a), sorted(t)) ? undefined : 'differs (as a set)')
const near = (limit: number): Rule => (a, t) => (typeof t === 'number' && Math.abs((a as number) - t) <= limit ? undefined : `not within ${limit}`)
const shape: Rule = (a, t) => (sameShape(a, t) ? undefined : 'has another shape')

// Facts that change between two gatherings a few seconds apart, or that depend on the transport
const VOLATILE: Record<string, Rule> = {
  ansible_date_time(a, t) {
    const [x, y] = [a as Record<string, string>, t as Record<string, string>]
    if (!sameShape(a, t)) return 'has another shape'
    for (const k of ['tz', 'tz_dst', 'tz_offset']) if (x[k] !== y[k]) return `${k} differs`
    return Math.abs(Number(x.epoch) - Number(y.epoch)) < 600 ? undefined : 'is another time'
  },
  ansible_uptime_seconds: near(600),
  ansible_memfree_mb: (_a, t) => (typeof t === 'number' ? undefined : 'not a number'),
  ansible_memory_mb(a, t) {
    const [x, y] = [a as Record<string, Facts>, t as Record<string, Facts>]
    if (!sameShape(a, t)) return 'has another shape'
    return x.real.total === y.real.total && x.swap.total === y.swap.total ? undefined : 'totals differ'
  },
  ansible_loadavg: shape,
  // the transport's own: ansible-core's ssh asks a pty (SSH_TTY, TERM) and sends LANG and LC_* (OpenSSH's
  // SendEnv); its sh sets `_`; the client's port differs
  ansible_env(a, t) {
    const transport = /^(SSH_CLIENT|SSH_CONNECTION|SSH_TTY|TERM|LANG|LC_\w+|_)$/
    const strip = (e: unknown) => Object.fromEntries(Object.entries(e as Facts).filter(([k]) => !transport.test(k)))
    return isDeepStrictEqual(strip(a), strip(t)) ? undefined : 'differs beyond the transport variables'
  },
  // lists built in directory or thread completion order by ansible-core
  ansible_interfaces: asSet,
  ansible_all_ipv4_addresses: asSet,
  ansible_all_ipv6_addresses: asSet,
  ansible_virtualization_tech_guest: asSet,
  ansible_virtualization_tech_host: asSet,
  ansible_mounts(a, t) {
    const fixed = (m: Facts) => Object.fromEntries(Object.entries(m).filter(([k]) => !/_(available|used)$/.test(k)))
    const norm = (v: unknown) => (v as Facts[]).map(fixed).map((m) => JSON.stringify(m, Object.keys(m).sort())).sort()
    return isDeepStrictEqual(norm(a), norm(t)) && sameShape(a, t) ? undefined : 'differ'
  },
}

/** A bridge's member list is in directory order in ansible-core. */
function valueRule(key: string, a: unknown): Rule | undefined {
  if (VOLATILE[key]) return VOLATILE[key]
  if (a && typeof a === 'object' && (a as Facts).type === 'bridge') {
    return (x, t) => {
      const strip = (v: unknown) => ({ ...(v as Facts), interfaces: sorted((v as Facts).interfaces) })
      return isDeepStrictEqual(strip(x), strip(t)) ? undefined : 'differs'
    }
  }
  return undefined
}

export interface Comparison {
  /** Ansible keys tsplay does not give */
  missing: string[]
  /** keys only tsplay gives */
  extra: string[]
  /** key → why its value is not Ansible's */
  differing: Record<string, string>
}

export function compareFacts(ansible: Facts, tsplay: Facts): Comparison {
  const missing = Object.keys(ansible).filter((k) => !(k in tsplay)).sort()
  const extra = Object.keys(tsplay).filter((k) => !(k in ansible)).sort()
  const differing: Record<string, string> = {}
  for (const key of Object.keys(tsplay).filter((k) => k in ansible)) {
    const rule = valueRule(key, ansible[key])
    const why = rule ? rule(ansible[key], tsplay[key]) : isDeepStrictEqual(ansible[key], tsplay[key]) ? undefined : 'differs'
    if (why) differing[key] = `${why}: Ansible ${JSON.stringify(ansible[key]).slice(0, 300)}, tsplay ${JSON.stringify(tsplay[key]).slice(0, 300)}`
  }
  return { missing, extra, differing }
}
