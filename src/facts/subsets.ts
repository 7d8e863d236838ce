// gather_subset as ansible-core reads it: names of collectors and of the facts they give, `all`, `min`,
// and `!name` to leave one out (`!all` keeps the minimal set, `!all,!min` nothing). A name given
// explicitly wins over an exclusion. Collectors a chosen one needs are added.
import { ModuleError } from '../errors.js'
import type { Collector } from './collector.js'

/** setup's minimal set: gathered unless `!min` */
export const MINIMAL = ['apparmor', 'caps', 'cmdline', 'date_time', 'distribution', 'dns', 'env', 'fips', 'local', 'lsb', 'pkg_mgr', 'platform', 'python', 'selinux', 'service_mgr', 'ssh_pub_keys', 'user']

/** The collectors `gather_subset` selects, in `all`'s order (a collector after those it needs). */
export function selectCollectors(all: Collector[], gatherSubset: string[]): Collector[] {
  const byName = new Map<string, Collector[]>()
  const aliases = new Map<string, string[]>()
  for (const c of all) {
    for (const id of [c.name, ...(c.factIds ?? [])]) byName.set(id, [...(byName.get(id) ?? []), c])
    aliases.set(c.name, c.factIds ?? [])
  }
  const valid = new Set(byName.keys())
  const minimal = new Set(MINIMAL)
  const add = new Set<string>()
  const exclude = new Set<string>()
  const explicit = new Set<string>()
  for (const subset of ['min', ...(gatherSubset.length ? gatherSubset : ['all'])]) {
    if (subset === 'min') minimal.forEach((n) => add.add(n))
    else if (subset === 'all') valid.forEach((n) => add.add(n))
    else if (subset.startsWith('!')) {
      const name = subset.slice(1)
      if (name === 'min') minimal.forEach((n) => exclude.add(n))
      else if (name === 'all') valid.forEach((n) => !minimal.has(n) && exclude.add(n))
      else {
        ;(aliases.get(name) ?? []).forEach((n) => exclude.add(n))
        exclude.add(name)
      }
    } else {
      if (!valid.has(subset)) {
        throw new ModuleError(`Bad subset '${subset}' given to Ansible. gather_subset options allowed: all, ${[...valid].sort().join(', ')}`)
      }
      explicit.add(subset)
      add.add(subset)
    }
  }
  if (!add.size) valid.forEach((n) => add.add(n))
  for (const n of exclude) if (!explicit.has(n)) add.delete(n)
  // the collectors named, plus those they need
  const chosen = new Set<Collector>()
  const visit = (name: string) => {
    for (const c of byName.get(name) ?? []) {
      if (chosen.has(c)) continue
      chosen.add(c)
      for (const need of c.requires ?? []) visit(need)
    }
  }
  add.forEach(visit)
  return all.filter((c) => chosen.has(c))
}

/** gather_subset as given: a list, or a comma-separated string */
export function subsetList(value: unknown): string[] {
  if (value === undefined || value === null) return ['all']
  const items = Array.isArray(value) ? value : [value]
  return items.flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean)
}
