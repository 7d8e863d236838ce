// Host patterns exactly as ansible-core's InventoryManager evaluates them (inventory/manager.py):
// `a,b` or `a:b` union, `&b` intersection and `!b` exclusion applied after all unions, globs and
// `~regex` matched against group names then host names, `g[0]`, `g[1:3]`, `g[-1]` subscripts,
// `@file` (one pattern per line, as a retry file), implicit localhost.
import { readFileSync } from 'node:fs'
import { ConfigError } from '../errors.js'
import { fnmatchRegExp } from '../util/fnmatch.js'
import type { Host, InventoryData } from './data.js'
import { parseAddress } from './host-range.js'

export const LOCALHOST = ['localhost', '127.0.0.1', '::1']

const SUBSCRIPT = /^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$/s

/** split_host_pattern(): commas, or colons where they cannot belong to an IPv6 address or a range. */
export function splitHostPattern(pattern: string | string[]): string[] {
  if (Array.isArray(pattern)) return pattern.flatMap(splitHostPattern)
  let parts: string[]
  if (pattern.includes(',')) parts = pattern.split(',')
  else if (parseAddress(pattern, true)) parts = [pattern]
  else parts = pattern.match(/(?:[^\s:[\]]|\[[^\]]*\])+/g) ?? []
  return parts.map((p) => p.trim()).filter((p) => p)
}

export class PatternMatcher {
  readonly warnings: string[] = []
  private readonly cache = new Map<string, Host[]>()

  constructor(
    private readonly inv: InventoryData,
    private readonly implicitLocalhost: (name: string) => Host,
  ) {}

  /** The inventory changed (add_host, group_by): patterns are evaluated anew. */
  forget(): void {
    this.cache.clear()
  }

  /** get_hosts(pattern) with an optional --limit, deduplicated, in Ansible's order. */
  select(pattern: string | string[], limit?: string | string[]): Host[] {
    let hosts = this.evaluate(expandFiles(splitHostPattern(pattern)))
    if (limit !== undefined && (!Array.isArray(limit) || limit.length)) {
      const allowed = new Set(this.evaluate(expandFiles(splitHostPattern(limit))))
      hosts = hosts.filter((h) => allowed.has(h))
    }
    return [...new Set(hosts)]
  }

  private evaluate(patterns: string[]): Host[] {
    const regular = patterns.filter((p) => p[0] !== '!' && p[0] !== '&')
    const ordered = [...(regular.length ? regular : ['all']), ...patterns.filter((p) => p[0] === '&'), ...patterns.filter((p) => p[0] === '!')]
    let hosts: Host[] = []
    for (const p of ordered) {
      const direct = this.inv.hosts.get(p)
      if (direct) {
        hosts.push(direct)
        continue
      }
      const that = this.matchOne(p)
      if (p[0] === '!') {
        const drop = new Set(that)
        hosts = hosts.filter((h) => !drop.has(h))
      } else if (p[0] === '&') {
        const keep = new Set(that)
        hosts = hosts.filter((h) => keep.has(h))
      } else {
        const existing = new Set(hosts.map((h) => h.name))
        hosts.push(...that.filter((h) => !existing.has(h.name)))
      }
    }
    return hosts
  }

  private matchOne(raw: string): Host[] {
    const pattern = raw[0] === '&' || raw[0] === '!' ? raw.slice(1) : raw
    const cached = this.cache.get(pattern)
    if (cached) return cached
    let expr = pattern
    let subscript: [number, number | undefined] | undefined
    const m = pattern[0] === '~' ? null : SUBSCRIPT.exec(pattern)
    if (m) {
      expr = m[1]
      if (m[2] !== undefined) subscript = [Number(m[2]), undefined]
      else subscript = [Number(m[3]), m[5] ? Number(m[5]) : -1]
    }
    let hosts = this.enumerate(expr)
    if (subscript && hosts.length) {
      const [start, end] = subscript
      if (end) {
        hosts = hosts.slice(start, (end === -1 ? hosts.length - 1 : end) + 1)
      } else {
        const h = start < 0 ? hosts[hosts.length + start] : hosts[start]
        if (!h) throw new ConfigError(`no hosts matched the subscripted pattern '${pattern}'`, undefined, `'${expr}' has ${hosts.length} host(s), indexed from 0`)
        hosts = [h]
      }
    }
    this.cache.set(pattern, hosts)
    return hosts
  }

  private enumerate(pattern: string): Host[] {
    let re: RegExp
    try {
      re = pattern[0] === '~' ? new RegExp(pattern.slice(1), 'y') : fnmatchRegExp(pattern)
    } catch {
      throw new ConfigError(`invalid host list pattern: ${pattern}`)
    }
    const test = (name: string): boolean => {
      re.lastIndex = 0
      return re.test(name)
    }
    const results: Host[] = []
    const groups = [...this.inv.groups.values()].filter((g) => test(g.name))
    for (const g of groups) results.push(...g.allHosts())
    if (!groups.length || pattern[0] === '~' || /[.?*[]/.test(pattern)) {
      for (const h of this.inv.hosts.values()) if (test(h.name)) results.push(h)
    }
    if (!results.length && LOCALHOST.includes(pattern)) results.push(this.implicitLocalhost(pattern))
    if (!results.length && !groups.length && pattern !== 'all') {
      this.warnings.push(`Could not match supplied host pattern, ignoring: ${pattern}`)
    }
    return results
  }
}

function expandFiles(patterns: string[]): string[] {
  return patterns.flatMap((p) => {
    if (p[0] !== '@') return [p]
    const file = p.slice(1)
    try {
      return readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l)
    } catch {
      throw new ConfigError(`unable to find limit file ${file}`, { file }, 'a retry file lists one host per line')
    }
  })
}
