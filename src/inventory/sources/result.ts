// Building a SourceResult, and the grouping rules the cloud sources share: groups named in a metadata key
// (`groups: "etcd,kube-node"`, kubespray's `kubespray_groups`), groups by name pattern, and generated
// groups for availability zone and flavor.
import type { SourceConfig } from './config.js'
import { namePattern, splitList } from './config.js'
import type { SourceResult } from './types.js'

export class ResultBuilder {
  private readonly result: SourceResult = { hosts: {}, groups: {} }

  has(host: string): boolean {
    return host in this.result.hosts
  }

  host(name: string, vars: Record<string, unknown>): void {
    this.result.hosts[name] = { ...this.result.hosts[name], ...vars }
  }

  /** Adds the host to the group, creating it (in first-seen order). */
  add(group: string, host?: string): void {
    const g = (this.result.groups[group] ??= { hosts: [], children: [], vars: {} })
    if (host !== undefined && !g.hosts.includes(host)) g.hosts.push(host)
  }

  groupVars(group: string, vars: Record<string, unknown>): void {
    this.add(group)
    Object.assign(this.result.groups[group].vars, vars)
  }

  build(): SourceResult {
    return this.result
  }
}

/** Options every cloud-made source (openstack, terraform) understands for grouping. */
export const GROUPING_OPTIONS = ['metadata_groups_key', 'name_groups', 'az_groups', 'flavor_groups'] as const

export interface Grouping {
  metadataKey: string
  byName: [string, RegExp[]][]
  az: boolean
  flavor: boolean
}

export function readGrouping(cfg: SourceConfig): Grouping {
  const byName = Object.entries(cfg.listMapping('name_groups')).map(([group, patterns]): [string, RegExp[]] => {
    try {
      return [group, patterns.map(namePattern)]
    } catch (e) {
      throw cfg.error(`name_groups.${group}`, `name_groups.${group}: bad pattern: ${(e as Error).message}`)
    }
  })
  return {
    metadataKey: cfg.string('metadata_groups_key', 'groups'),
    byName,
    az: cfg.bool('az_groups', true),
    flavor: cfg.bool('flavor_groups', true),
  }
}

export interface Machine {
  name: string
  metadata: Record<string, unknown>
  availabilityZone?: string
  flavor?: string
}

/** The groups a machine belongs to, in a stable order: metadata, name patterns, zone, flavor. */
export function groupsFor(m: Machine, g: Grouping): string[] {
  const out: string[] = []
  const meta = m.metadata[g.metadataKey]
  if (typeof meta === 'string') out.push(...splitList(meta))
  for (const [group, patterns] of g.byName) if (patterns.some((p) => p.test(m.name))) out.push(group)
  if (g.az && m.availabilityZone) out.push(`az_${safeName(m.availabilityZone)}`)
  if (g.flavor && m.flavor) out.push(`flavor_${safeName(m.flavor)}`)
  return [...new Set(out)]
}

/** Generated group names keep to letters, digits, `_` and `-` (a flavor may be called `m1.small`). */
export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_')
}

/** Kubespray's terraform sets `ssh_user` in the instance metadata; it becomes ansible_user. */
export function userFromMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  return typeof metadata.ssh_user === 'string' && metadata.ssh_user ? { ansible_user: metadata.ssh_user } : {}
}
