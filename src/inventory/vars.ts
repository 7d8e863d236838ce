// Variable precedence: one documented order, merged with provenance so `--explain` can show which
// file:line won and what it overrode. Merging is Ansible's default (hash_behaviour=replace): a later
// layer replaces a whole top-level key, dictionaries are not deep-merged.
import type { VarOrigin } from './types.js'

/**
 * Lowest to highest. The inventory part (the middle five) is computed here; the engine adds the rest.
 * Inside "inventory: groups" groups are ordered by (depth, ansible_group_priority, name), so a child
 * group beats its parents and, at equal depth, a higher priority wins, then the later name.
 * As in ansible-core 2.14's VARIABLE_PRECEDENCE, vars from group_vars/ files beat vars written in the
 * inventory file for the same level: all (inventory) < groups (inventory) < group_vars/all <
 * group_vars/GROUP < host (inventory) < host_vars/HOST.
 */
export const PRECEDENCE = [
  'role defaults',
  'inventory: all',
  'inventory: groups',
  'group_vars/all',
  'group_vars/GROUP',
  'inventory: host',
  'host_vars/HOST',
  'play vars',
  'vars_files',
  'role vars',
  'block/task vars',
  'set_fact/registered',
  'extra vars (-e)',
] as const

export type PrecedenceLevel = (typeof PRECEDENCE)[number]

export interface Contribution {
  level: PrecedenceLevel
  /** what set it: 'group:kube-node', 'host:node1', 'group_vars/k8s-cluster/addons.yml', … */
  scope: string
  value: unknown
  origin: VarOrigin
}

export interface MergedVars {
  vars: Record<string, unknown>
  /** per key, every contribution lowest first; the last one won */
  provenance: Record<string, Contribution[]>
}

export interface VarLayer {
  level: PrecedenceLevel
  vars: Record<string, unknown>
  /** where each key came from; defaults to { file: '?', scope: level } */
  origin?: (key: string) => VarOrigin
  scope?: string
}

/** Merges layers in PRECEDENCE order (stable for layers of the same level). */
export function mergeLayers(layers: VarLayer[]): MergedVars {
  const rank = (l: VarLayer): number => PRECEDENCE.indexOf(l.level)
  const sorted = layers.map((l, i) => [l, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
  const contributions: Contribution[] = []
  for (const [layer] of sorted) {
    for (const [key, value] of Object.entries(layer.vars)) {
      const origin = layer.origin?.(key) ?? { file: '?', scope: layer.scope ?? layer.level }
      contributions.push({ level: layer.level, scope: origin.scope, value, origin, key } as Contribution & { key: string })
    }
  }
  return fold(contributions as (Contribution & { key: string })[])
}

export function fold(contributions: (Contribution & { key: string })[]): MergedVars {
  const vars: Record<string, unknown> = {}
  const provenance: Record<string, Contribution[]> = {}
  for (const c of contributions) {
    vars[c.key] = c.value
    const { key, ...rest } = c
    ;(provenance[key] ??= []).push(rest)
  }
  return { vars, provenance }
}

/** Ansible's combine_vars with the default replace behaviour. */
export function combineVars(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  return { ...a, ...b }
}
