// Hosts and groups with ansible-core's relationships (ansible/inventory/{data,group,host}.py):
// insertion order everywhere, 'all' and 'ungrouped' built in, depth = longest path from 'all',
// cycles refused, every variable assignment kept with where it came from.
import { ConfigError, type SourcePosition } from '../errors.js'
import type { VarOrigin } from './types.js'

export interface Assignment {
  value: unknown
  origin: VarOrigin
}

abstract class Entity {
  readonly vars: Record<string, unknown> = Object.create(null)
  /** Every assignment per key in the order made; the last one is the value. */
  readonly history = new Map<string, Assignment[]>()

  setVar(key: string, value: unknown, origin: VarOrigin): void {
    this.vars[key] = value
    const list = this.history.get(key)
    if (list) list.push({ value, origin })
    else this.history.set(key, [{ value, origin }])
  }
}

export class Group extends Entity {
  readonly hosts: Host[] = []
  readonly hostSet = new Set<string>()
  readonly children: Group[] = []
  readonly parents: Group[] = []
  depth = 0
  priority = 1
  private hostsCache?: Host[]

  constructor(
    readonly name: string,
    readonly declaredAt?: SourcePosition,
  ) {
    super()
  }

  addHost(host: Host): boolean {
    if (this.hostSet.has(host.name)) return false
    this.hosts.push(host)
    this.hostSet.add(host.name)
    host.directGroups.add(this)
    return true
  }

  /** Removes many hosts in one pass (a splice per host is quadratic on 10,000-host inventories). */
  removeHosts(gone: Set<Host>): void {
    if (gone.size === 0) return
    const kept = this.hosts.filter((h) => !gone.has(h))
    this.hosts.length = 0
    this.hosts.push(...kept)
    for (const h of gone) {
      this.hostSet.delete(h.name)
      h.directGroups.delete(this)
    }
  }

  setGroupVar(key: string, value: unknown, origin: VarOrigin): void {
    if (key === 'ansible_group_priority') {
      const n = typeof value === 'number' ? value : Number(String(value).trim())
      if (!Number.isInteger(n)) {
        throw new ConfigError(`ansible_group_priority of group '${this.name}' must be an integer, got ${JSON.stringify(value)}`, origin)
      }
      this.priority = n
      this.history.set(key, [...(this.history.get(key) ?? []), { value: n, origin }])
      return
    }
    this.setVar(key, value, origin)
  }

  ancestors(): Set<Group> {
    const seen = new Set<Group>()
    const stack = [...this.parents]
    while (stack.length) {
      const g = stack.pop()!
      if (seen.has(g)) continue
      seen.add(g)
      stack.push(...g.parents)
    }
    return seen
  }

  /** Self then descendants breadth first, like Group._walk_relationship(preserve_ordering=True). */
  descendantsOrdered(): Group[] {
    const ordered: Group[] = [this, ...this.children]
    const seen = new Set<Group>(ordered)
    let level = [...this.children]
    while (level.length) {
      const next: Group[] = []
      for (const g of level) {
        for (const kid of g.children) {
          if (seen.has(kid)) continue
          seen.add(kid)
          ordered.push(kid)
          next.push(kid)
        }
      }
      level = next
    }
    return ordered
  }

  /** Hosts of this group and its descendants, deduplicated, in Ansible's order. */
  allHosts(): Host[] {
    if (this.hostsCache) return this.hostsCache
    const out: Host[] = []
    const seen = new Set<Host>()
    for (const g of this.descendantsOrdered()) {
      for (const h of g.hosts) {
        if (seen.has(h)) continue
        seen.add(h)
        out.push(h)
      }
    }
    this.hostsCache = out
    return out
  }

  clearCache(): void {
    this.hostsCache = undefined
  }
}

export class Host extends Entity {
  readonly directGroups = new Set<Group>()
  /** Direct groups and all their ancestors, filled by reconcile(). */
  groups: Group[] = []

  constructor(
    readonly name: string,
    readonly declaredAt: SourcePosition,
  ) {
    super()
  }
}

export class InventoryData {
  readonly groups = new Map<string, Group>()
  readonly hosts = new Map<string, Host>()
  readonly warnings: string[] = []

  constructor() {
    this.addGroup('all')
    this.addGroup('ungrouped')
    this.addChild('all', 'ungrouped')
  }

  get all(): Group {
    return this.groups.get('all')!
  }

  addGroup(name: string, at?: SourcePosition): Group {
    let g = this.groups.get(name)
    if (!g) {
      if (!name) throw new ConfigError('empty group name', at)
      g = new Group(name, at)
      this.groups.set(name, g)
    }
    return g
  }

  /** add_host(): the port sets ansible_port only when the host is new, as in Ansible. */
  addHost(name: string, group: string | undefined, at: SourcePosition, port?: number): Host {
    if (!name) throw new ConfigError('empty host name', at)
    let h = this.hosts.get(name)
    if (!h) {
      h = new Host(name, at)
      this.hosts.set(name, h)
      if (port !== undefined) h.setVar('ansible_port', port, { ...at, scope: `host:${name}` })
    }
    if (group !== undefined) {
      const g = this.groups.get(group)
      if (!g) throw new ConfigError(`could not find group ${group} in inventory`, at)
      g.addHost(h)
    }
    return h
  }

  addChild(parentName: string, childName: string, at?: SourcePosition): void {
    const parent = this.groups.get(parentName)
    const child = this.groups.get(childName)
    if (!parent || !child) throw new ConfigError(`${parentName} or ${childName} is not a known group`, at)
    if (parent === child) throw new ConfigError(`group '${parentName}' cannot be a child of itself`, at)
    if (parent.children.includes(child)) return
    if (parent.ancestors().has(child)) {
      throw new ConfigError(
        `adding group '${childName}' as child to '${parentName}' creates a recursive dependency loop (a group that is its own ancestor)`,
        at,
      )
    }
    parent.children.push(child)
    if (!child.parents.includes(parent)) child.parents.push(parent)
  }

  /** reconcile_inventory(): orphans under 'all', ungrouped fixed up, depths and host groups computed. */
  reconcile(): void {
    const all = this.all
    for (const g of this.groups.values()) {
      if (g !== all && g.parents.length === 0) this.addChild('all', g.name)
    }
    const ungrouped = this.groups.get('ungrouped')!
    const gone = new Set<Host>()
    for (const h of this.hosts.values()) {
      h.groups = hostGroups(h)
      const inUngrouped = h.groups.includes(ungrouped)
      const others = h.groups.some((g) => g !== all && g !== ungrouped)
      if (inUngrouped && others) gone.add(h)
      else if (!inUngrouped && !others) ungrouped.addHost(h)
    }
    ungrouped.removeHosts(gone)
    for (const h of this.hosts.values()) h.groups = hostGroups(h)
    for (const name of this.hosts.keys()) {
      if (this.groups.has(name)) this.warnings.push(`Found both group and host with same name: ${name}`)
    }
    computeDepths(all)
    for (const g of this.groups.values()) g.clearCache()
  }
}

function hostGroups(h: Host): Group[] {
  const out = new Set<Group>()
  for (const g of h.directGroups) {
    for (const a of g.ancestors()) out.add(a)
    out.add(g)
  }
  return [...out]
}

// Ansible raises a group's depth to parent depth + 1 every time an edge is added; the fixed point is
// the longest path from 'all'.
function computeDepths(all: Group): void {
  const memo = new Map<Group, number>()
  const depth = (g: Group): number => {
    let d = memo.get(g)
    if (d !== undefined) return d
    d = g === all ? 0 : Math.max(0, ...g.parents.map((p) => depth(p) + 1))
    memo.set(g, d)
    return d
  }
  const stack = [all]
  const seen = new Set<Group>()
  while (stack.length) {
    const g = stack.pop()!
    if (seen.has(g)) continue
    seen.add(g)
    g.depth = depth(g)
    stack.push(...g.children)
  }
}
