// The loaded inventory: the Inventory contract plus provenance for `--explain`.
// Host variables are merged as ansible-core's VariableManager does for inventory vars (default
// VARIABLE_PRECEDENCE): all < groups sorted by (depth, priority, name) < group_vars/all <
// group_vars/GROUP (same group order, inventory sources in order, then the playbook dir) < host <
// host_vars/HOST.
import { dirname, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { ConfigError } from '../errors.js'
import { isIpAddress } from './host-range.js'
import { Host, type Group, type InventoryData } from './data.js'
import { LOCALHOST, PatternMatcher } from './patterns.js'
import type { Inventory, VarOrigin } from './types.js'
import { fold, type Contribution, type MergedVars, type PrecedenceLevel } from './vars.js'
import type { VarsDir, VarsFile } from './vars-files.js'
import { didYouMean } from '../util/did-you-mean.js'

type Keyed = Contribution & { key: string }

/** Sorted like ansible.inventory.helpers.sort_groups. */
export function sortGroups(groups: Group[]): Group[] {
  return [...groups].sort((a, b) => a.depth - b.depth || a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

export class AnsibleInventory implements Inventory {
  private readonly matcher: PatternMatcher
  private implicit?: Host
  private groupsCache?: Record<string, string[]>

  constructor(
    readonly data: InventoryData,
    private readonly varsDirs: VarsDir[],
    private readonly playDir: VarsDir | undefined,
    readonly warnings: string[],
  ) {
    this.matcher = new PatternMatcher(data, (name) => this.implicitLocalhost(name))
  }

  hostNames(): string[] {
    return this.data.all.allHosts().map((h) => h.name)
  }

  groups(): Record<string, string[]> {
    if (!this.groupsCache) {
      this.groupsCache = {}
      for (const [name, g] of this.data.groups) this.groupsCache[name] = g.allHosts().map((h) => h.name)
    }
    return structuredClone(this.groupsCache)
  }

  /** The variables Ansible derives from the inventory (inventory_hostname, group_names, groups, …). */
  magicVars(name: string): Record<string, unknown> {
    const host = this.host(name)
    const file = host.declaredAt.file.startsWith('<') ? null : resolve(host.declaredAt.file)
    return {
      inventory_hostname: host.name,
      inventory_hostname_short: isIpAddress(host.name) ? host.name : host.name.split('.')[0],
      group_names: host === this.implicit ? [] : this.groupNames(name),
      groups: this.groups(),
      inventory_file: file,
      inventory_dir: file === null ? null : dirname(file),
    }
  }

  groupNames(host: string): string[] {
    return this.host(host)
      .groups.filter((g) => g.name !== 'all')
      .map((g) => g.name)
      .sort()
  }

  hostVars(host: string): Record<string, unknown> {
    return this.explainHost(host).vars
  }

  select(pattern: string, limit?: string | string[]): string[] {
    const hosts = this.matcher.select(pattern, limit).map((h) => h.name)
    this.warnings.push(...this.matcher.warnings.splice(0))
    return hosts
  }

  /** Every contribution to the host's variables, lowest precedence first; the last per key won. */
  explainHost(name: string): MergedVars {
    const host = this.host(name)
    const groups = sortGroups(host.groups.filter((g) => g.name !== 'all'))
    const dirs = [...this.varsDirs, ...(this.playDir ? [this.playDir] : [])]
    const out: Keyed[] = []
    const all = this.data.all
    pushHistory(out, all, 'inventory: all', 'group:all')
    for (const g of groups) pushHistory(out, g, 'inventory: groups', `group:${g.name}`)
    for (const d of dirs) pushFiles(out, d.groupFiles('all'), 'group_vars/all', d.basedir)
    for (const d of dirs) for (const g of groups) pushFiles(out, d.groupFiles(g.name), 'group_vars/GROUP', d.basedir)
    pushHistory(out, host, 'inventory: host', `host:${host.name}`)
    for (const d of dirs) pushFiles(out, d.hostFiles(host.name), 'host_vars/HOST', d.basedir)
    if (host === this.implicit) out.push({ key: 'ansible_connection', value: 'local', level: 'inventory: host', scope: 'implicit localhost', origin: { file: '<implicit localhost>', scope: 'implicit localhost' } })
    return fold(out)
  }

  /** _get_group_variables() of ansible-inventory: the group's own vars plus its group_vars files. */
  groupVars(name: string): Record<string, unknown> {
    const g = this.data.groups.get(name)
    if (!g) throw new ConfigError(`no group named '${name}' in the inventory`, undefined, this.near(name, [...this.data.groups.keys()]))
    const vars: Record<string, unknown> = { ...g.vars }
    for (const d of this.varsDirs) for (const f of d.groupFiles(name)) Object.assign(vars, f.vars)
    if (g.priority !== 1) vars.ansible_group_priority = g.priority
    return vars
  }

  addDynamicHost(name: string, groups: string[], vars: Record<string, unknown>): boolean {
    const origin = { file: '<add_host>', scope: `host:${name}` }
    let changed = !this.data.hosts.has(name)
    const host = this.data.addHost(name, 'all', origin)
    for (const [key, value] of Object.entries(vars)) {
      if (key in host.vars && isDeepStrictEqual(host.vars[key], value)) continue
      host.setVar(key, value, origin)
      changed = true
    }
    for (const group of groups) {
      if (!this.data.groups.has(group)) changed = true
      if (this.data.addGroup(group).addHost(host)) changed = true
    }
    if (changed) this.changed()
    return changed
  }

  addDynamicGroup(hostName: string, groupName: string, parents: string[]): boolean {
    const host = this.host(hostName)
    let changed = false
    const group = this.data.addGroup(groupName)
    for (const parent of parents) {
      if (!this.data.groups.has(parent)) changed = true
      this.data.addGroup(parent)
      if (!this.data.groups.get(parent)!.children.includes(group)) {
        this.data.addChild(parent, groupName)
        changed = true
      }
    }
    if (group.addHost(host)) changed = true
    if (changed) this.changed()
    return changed
  }

  private changed(): void {
    this.data.reconcile()
    this.groupsCache = undefined
    this.matcher.forget()
  }

  preloadVarsFiles(): void {
    for (const d of [...this.varsDirs, ...(this.playDir ? [this.playDir] : [])]) {
      for (const g of this.data.groups.keys()) d.groupFiles(g)
      for (const h of this.data.hosts.keys()) d.hostFiles(h)
    }
  }

  host(name: string): Host {
    const h = this.data.hosts.get(name) ?? (LOCALHOST.includes(name) ? this.implicitLocalhost(name) : undefined)
    if (!h) throw new ConfigError(`no host named '${name}' in the inventory`, undefined, this.near(name, [...this.data.hosts.keys()]))
    return h
  }

  private near(name: string, names: string[]): string | undefined {
    const n = didYouMean(name, names)
    return n === undefined ? undefined : `did you mean '${n}'?`
  }

  // Ansible creates localhost on demand when a pattern names it and the inventory does not
  private implicitLocalhost(name: string): Host {
    if (!this.implicit) {
      this.implicit = new Host(name, { file: '<implicit localhost>' })
      this.implicit.groups = []
    }
    return this.implicit
  }
}

function pushHistory(out: Keyed[], entity: Group | Host, level: PrecedenceLevel, scope: string): void {
  for (const [key, list] of entity.history) {
    if (key === 'ansible_group_priority') continue
    for (const a of list) out.push({ key, value: a.value, level, scope, origin: a.origin })
  }
}

function pushFiles(out: Keyed[], files: VarsFile[], level: PrecedenceLevel, basedir: string): void {
  for (const f of files) {
    const scope = f.path.startsWith(basedir) ? f.path.slice(basedir.length).replace(/^\/+/, '') : f.path
    for (const [key, value] of Object.entries(f.vars)) {
      const origin: VarOrigin = { file: f.path, line: f.lines.get(key), scope }
      out.push({ key, value, level, scope, origin })
    }
  }
}
