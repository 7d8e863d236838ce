// The contract between the inventory and the rest of tsplay. loadInventory() (./load.ts) returns an
// AnsibleInventory (./inventory.ts), which adds explainHost() (provenance) and groupVars().

export interface VarOrigin {
  file: string
  line?: number
  scope: string // 'all', 'group:NAME', 'host:NAME', 'group_vars/NAME.yml', …
}

export interface Inventory {
  /** Every host, in Ansible's order. */
  hostNames(): string[]
  /** Group name → its hosts (including hosts of child groups), in Ansible's order; has 'all' and 'ungrouped'. */
  groups(): Record<string, string[]>
  /** Groups a host belongs to, directly or through children (without 'all'), sorted as Ansible's group_names. */
  groupNames(host: string): string[]
  /** The host's inventory variables after group depth/priority merging (host vars win). */
  hostVars(host: string): Record<string, unknown>
  /** Ansible host pattern (`all`, `a:b`, `a:&b`, `a:!b`, `~re`, `g[0:2]`, `@file`) → host names,
   *  intersected with `--limit` patterns when given. */
  select(pattern: string, limit?: string | string[]): string[]
  /** add_host: the host (new or known) with its vars and groups; true when the inventory changed. */
  addDynamicHost(name: string, groups: string[], vars: Record<string, unknown>): boolean
  /** group_by: the host joins `group` (made a child of each of `parents`); true when the inventory changed. */
  addDynamicGroup(host: string, group: string, parents: string[]): boolean
}
