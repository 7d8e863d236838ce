// Facts in one round trip: the collectors gather_subset selects say what they need, one sh script
// (probe.ts) fetches all of it, and each collector turns its part into facts with Ansible's names and
// shapes. Only /bin/sh, coreutils, /proc and /sys are assumed; `ip` is used when present.
import { randomBytes } from 'node:crypto'
import type { BecomeOptions, Connection } from '../connection/types.js'
import { ModuleError } from '../errors.js'
import type { Facts, GatherOptions } from './collector.js'
import { collectors } from './collectors.js'
import { filterFacts, filterList } from './filter.js'
import { buildScript } from './probe.js'
import { parseRaw } from './raw.js'
import { selectCollectors, subsetList } from './subsets.js'

export interface SetupArgs {
  gather_subset?: unknown
  filter?: unknown
  fact_path?: string
  gather_timeout?: number
}

export const DEFAULT_FACT_PATH = '/etc/ansible/facts.d'

/** The facts setup returns (names with the `ansible_` prefix, plus gather_subset and module_setup). */
export async function gatherFacts(conn: Connection, args: SetupArgs = {}, become?: BecomeOptions): Promise<Facts> {
  const subsets = subsetList(args.gather_subset)
  const chosen = selectCollectors(collectors, subsets)
  const options: GatherOptions = { factPath: args.fact_path ?? DEFAULT_FACT_PATH, timeoutS: args.gather_timeout ?? 10 }
  const nonce = randomBytes(8).toString('hex')
  const script = buildScript(chosen.map((c) => c.probe(options)), nonce)
  const result = await conn.run(script, { become })
  if (result.rc !== 0) throw new ModuleError(`facts: ${result.stderr.trim() || `exit code ${result.rc}`}`)
  const raw = parseRaw(result.stdout, result.stderr, nonce)
  const filters = filterList(args.filter)
  const prior: Facts = {}
  const facts: Facts = {}
  for (const c of chosen) {
    let collected: Facts
    try {
      collected = prefixed(c.collect(raw, prior, options))
    } catch {
      continue // as in ansible-core, a collector that fails leaves its facts out and the others stand
    }
    Object.assign(prior, collected)
    Object.assign(facts, filterFacts(collected, filters))
  }
  return { ...facts, ...filterFacts({ gather_subset: subsets, module_setup: true }, filters) }
}

/** ansible_NAME, with `-` as `_` (Ansible's fact namespace: an interface br-lan is ansible_br_lan) */
function prefixed(facts: Facts): Facts {
  return Object.fromEntries(Object.entries(facts).map(([k, v]) => [`ansible_${k.replace(/-/g, '_')}`, v]))
}
