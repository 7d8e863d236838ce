// A fact collector, shaped as Ansible's: a name (usable in gather_subset), the fact names that also
// select it, the collectors whose facts it reads, what it needs from the host, and how it turns that
// into facts (named without the `ansible_` prefix; gather.ts adds it).
import type { Probe } from './probe.js'
import type { Raw } from './raw.js'

export type Facts = Record<string, unknown>

export interface GatherOptions {
  /** setup's fact_path: where local facts (*.fact) live */
  factPath: string
  /** setup's gather_timeout, seconds */
  timeoutS: number
}

export interface Collector {
  name: string
  /** other gather_subset names that select this collector (Ansible's _fact_ids) */
  factIds?: string[]
  /** collectors whose facts this one reads (Ansible's required_facts): gathered with it */
  requires?: string[]
  probe(options: GatherOptions): Probe
  /** `prior`: the facts collected before this one, with their `ansible_` prefix */
  collect(raw: Raw, prior: Facts, options: GatherOptions): Facts
}

export function defineCollector(c: Collector): Collector {
  return c
}
