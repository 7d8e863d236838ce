// The labs under a state root, and which of them were left behind by a process that died.
import { readdirSync } from 'node:fs'
import { labPaths, labsRoot } from './paths.js'
import { pidAlive } from './procs.js'
import { readState, type LabState } from './state.js'

export function listLabs(root = labsRoot()): LabState[] {
  let names: string[]
  try {
    names = readdirSync(root)
  } catch {
    return []
  }
  const labs: LabState[] = []
  for (const name of names) {
    try {
      const state = readState(labPaths(name, root))
      if (state) labs.push(state)
    } catch {
      /* not a lab dir (lock file, foreign dir, unreadable state) */
    }
  }
  return labs
}

/** Labs that recorded an owner process which no longer runs (e.g. an e2e run killed with SIGKILL). */
export function staleLabs(root = labsRoot()): string[] {
  return listLabs(root)
    .filter((s) => s.owner !== undefined && !pidAlive(s.owner))
    .map((s) => s.name)
}
