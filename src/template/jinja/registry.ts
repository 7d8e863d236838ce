// Filter and test registries: one table each, filled by the family files (filters/*.ts, tests.ts).
// FQCN names (ansible.builtin.x, ansible.utils.x, community.general.x) resolve to the same entry.
import { didYouMean } from '../../util/did-you-mean.js'
import type { Runtime } from './runtime.js'

export interface FilterDef {
  params: string[]
  fn: (rt: Runtime, value: any, ...args: any[]) => unknown
  /** Handles an undefined input or argument itself (default, mandatory...). */
  lazy?: boolean
}

export type TestDef = FilterDef

export const filters: Record<string, FilterDef> = Object.create(null)
export const tests: Record<string, TestDef> = Object.create(null)

export function defineFilters(defs: Record<string, [string, FilterDef['fn']] | [string, FilterDef['fn'], { lazy: boolean }]>): void {
  for (const [name, [params, fn, opts]] of Object.entries(defs)) filters[name] = { params: params ? params.split(',') : [], fn, lazy: opts?.lazy }
}

export function defineTests(defs: Record<string, [string, TestDef['fn']] | [string, TestDef['fn'], { lazy: boolean }]>): void {
  for (const [name, [params, fn, opts]] of Object.entries(defs)) tests[name] = { params: params ? params.split(',') : [], fn, lazy: opts?.lazy }
}

// Jinja's own filters and tests have no FQCN: `ansible.builtin.string` fails to load in Ansible too.
const JINJA_FILTERS = new Set('abs attr batch capitalize center count d default dictsort e escape filesizeformat first float forceescape format groupby indent int items join last length list lower map max min pprint reject rejectattr replace reverse round safe select selectattr slice sort string striptags sum title tojson trim truncate upper urlencode urlize wordcount wordwrap xmlattr'.split(' '))
const JINJA_TESTS = new Set('boolean callable defined divisibleby eq equalto escaped even false filter float ge greaterthan gt in integer iterable le lessthan lower lt mapping ne none number odd sameas sequence string test true undefined upper == != < <= > >='.split(' '))
const NETWORK = ['ipaddr', 'ipv4', 'ipv6', 'ipwrap', 'ipmath', 'nthhost', 'next_nth_usable', 'previous_nth_usable', 'network_in_usable', 'network_in_network']
const COLLECTIONS: Record<string, Set<string> | 'builtin'> = {
  'ansible.builtin': 'builtin',
  'ansible.utils': new Set(NETWORK),
  'ansible.netcommon': new Set(NETWORK),
  'community.general': new Set(['json_query', 'dict', 'version_sort']),
}

function resolve<T>(table: Record<string, T>, jinjaOnly: Set<string>, name: string): T | undefined {
  const dot = name.lastIndexOf('.')
  if (dot < 0) return table[name]
  const coll = COLLECTIONS[name.slice(0, dot)]
  const short = name.slice(dot + 1)
  if (coll === 'builtin') return jinjaOnly.has(short) ? undefined : table[short]
  return coll?.has(short) ? table[short] : undefined
}

export function findFilter(name: string): FilterDef | undefined {
  return resolve(filters, JINJA_FILTERS, name)
}

export function findTest(name: string): TestDef | undefined {
  return resolve(tests, JINJA_TESTS, name)
}

/** "did you mean 'default'?" for a filter or test name that does not exist. */
export function nearest(name: string, known: Record<string, unknown>): string | undefined {
  const near = didYouMean(name, Object.keys(known))
  return near ? `did you mean '${near}'?` : undefined
}
