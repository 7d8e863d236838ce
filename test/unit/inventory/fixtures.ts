// Reads the committed fixtures: cases.tsv (name → -i sources) and expected/ (made by regenerate.sh).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadInventory } from '../../../src/inventory/load.js'
import type { AnsibleInventory } from '../../../src/inventory/inventory.js'

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
export const CASES_DIR = join(FIXTURES, 'cases')

function tsv(file: string): string[][] {
  return readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'))
}

export const cases: { name: string; sources: string[] }[] = tsv('cases.tsv').map(([name, s]) => ({ name, sources: s.split(' ') }))

export function expected(file: string): string {
  return readFileSync(join(FIXTURES, 'expected', file), 'utf8')
}

/** Loads a case with paths relative to cases/ (host lists stay as they are). */
export async function loadCase(name: string): Promise<AnsibleInventory> {
  const c = cases.find((x) => x.name === name)
  if (!c) throw new Error(`no case ${name}`)
  return loadInventory(c.sources.map((s) => (s.includes(',') ? s : join(CASES_DIR, s))), { warn: () => {} })
}
