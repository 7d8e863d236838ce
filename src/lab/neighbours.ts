// The kernel's neighbour (ARP) table, sized for the lab hosts this machine runs. Every lab host costs an
// entry on the machine's side of its bridge and one in its own namespace (they count together), and the
// defaults (gc_thresh1/2/3 = 128/512/1024) overflow past ~500 hosts: the kernel logs "neighbor table
// overflow" and hosts look unreachable (488 of 1,000 were, before the table was enlarged). `lab up` raises
// the thresholds to what the machine's lab hosts need and records what they were; once the hosts left need
// no more than that (`lab down` of the labs that needed it), the recorded values are written back.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { exec } from './exec.js'
import { withLock } from './lock.js'

export const KNOBS = ['gc_thresh1', 'gc_thresh2', 'gc_thresh3'] as const
export type Limits = Record<(typeof KNOBS)[number], number>

export interface NeighbourFiles {
  /** Directory of the gc_thresh files (net.ipv4.neigh.default). */
  sysctl: string
  /** Where the values from before tsplay raised them are kept (tmpfs: gone with a reboot, as the sysctls). */
  saved: string
}

export const MACHINE: NeighbourFiles = {
  sysctl: '/proc/sys/net/ipv4/neigh/default',
  saved: '/run/tsplay/neigh-thresholds.json',
}

/** Thresholds for `hosts` lab hosts: 2 entries each; GC starts past 2 per host, the hard limit at 8. */
export function needed(hosts: number): Limits {
  return { gc_thresh1: 2 * hosts, gc_thresh2: 4 * hosts, gc_thresh3: 8 * hosts }
}

function read(files: NeighbourFiles): Limits {
  const out = {} as Limits
  for (const k of KNOBS) out[k] = Number(readFileSync(join(files.sysctl, k), 'utf8').trim())
  return out
}

function write(files: NeighbourFiles, limits: Limits): void {
  // thresh3 first when growing, last when shrinking: the kernel wants thresh1 <= thresh2 <= thresh3
  const order = limits.gc_thresh3 >= read(files).gc_thresh3 ? [...KNOBS].reverse() : [...KNOBS]
  for (const k of order) writeFileSync(join(files.sysctl, k), String(limits[k]))
}

/**
 * Makes the thresholds fit `hosts` lab hosts: raised where they are lower (the values before are saved
 * once), back to the saved values when those fit again. Returns what changed, for a message.
 */
export function fitNeighbourTable(hosts: number, files: NeighbourFiles = MACHINE): { from: Limits; to: Limits } | undefined {
  // in a network namespace other than the machine's the thresholds are not there (the table is the
  // machine's, sized from its own namespace): nothing to fit from here
  if (!existsSync(join(files.sysctl, KNOBS[0]))) return undefined
  const current = read(files)
  const saved = existsSync(files.saved) ? (JSON.parse(readFileSync(files.saved, 'utf8')) as Limits) : undefined
  const base = saved ?? current
  const need = needed(hosts)
  const want = {} as Limits
  for (const k of KNOBS) want[k] = Math.max(base[k], need[k])
  const same = KNOBS.every((k) => want[k] === current[k])
  if (!same) {
    if (!saved) {
      mkdirSync(dirname(files.saved), { recursive: true })
      writeFileSync(files.saved, JSON.stringify(current) + '\n')
    }
    write(files, want)
  }
  if (saved && KNOBS.every((k) => want[k] === saved[k])) rmSync(files.saved, { force: true }) // back as it was
  return same ? undefined : { from: current, to: want }
}

/** Lab hosts running on this machine, every lab of every state dir: their network namespaces. */
export async function labHostsOnMachine(): Promise<number> {
  const { stdout } = await exec('ip', ['netns', 'list'])
  return stdout.split('\n').filter((l) => /^tsplay-[a-z0-9]+-[0-9]+\b/.test(l)).length
}

/** fitNeighbourTable for the lab hosts this machine runs now, one lab command at a time. */
export async function fitForMachine(): Promise<{ from: Limits; to: Limits } | undefined> {
  return withLock('/run/tsplay-lab-neighbours.lock', async () => fitNeighbourTable(await labHostsOnMachine()))
}
