// Filter and test registries: one table each, filled by the family files (filters/*.ts, tests.ts).
// FQCN names (ansible.builtin.x, ansible.utils.x, community.general.x) resolve to the same entry.
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

const PREFIXES = /^(?:ansible\.(?:builtin|utils|netcommon|posix|windows)|community\.(?:general|crypto))\./

export function findFilter(name: string): FilterDef | undefined {
  return filters[name] ?? (PREFIXES.test(name) ? filters[name.replace(PREFIXES, '')] : undefined)
}

export function findTest(name: string): TestDef | undefined {
  return tests[name] ?? (PREFIXES.test(name) ? tests[name.replace(PREFIXES, '')] : undefined)
}
