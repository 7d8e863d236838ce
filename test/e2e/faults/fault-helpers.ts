// Shared by the fault suite (issue 15): a scratch directory with the lab's inventory and playbooks
// written per test, and small waits on lab hosts that poll state instead of sleeping a fixed time.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { labInfo } from '../lab-helpers.js'

export interface Scratch {
  dir: string
  inventory: string
  write(path: string, text: string | Buffer): string
  /** The inventory's lines: [0] its header and group, then one line per lab host. */
  inventoryLines(): string[]
  remove(): void
}

/** A temp dir holding a copy of the lab's hosts.ini (as `hosts`) plus whatever a test writes. */
export function scratch(prefix: string, inventoryText = readFileSync(labInfo().hostsIni, 'utf8')): Scratch {
  const dir = mkdtempSync(join(tmpdir(), `tsplay-${prefix}-`))
  const inventory = join(dir, 'hosts')
  writeFileSync(inventory, inventoryText)
  return {
    dir,
    inventory,
    write(path, text) {
      const file = join(dir, path)
      mkdirSync(join(file, '..'), { recursive: true })
      writeFileSync(file, text)
      return file
    },
    inventoryLines: () => inventoryText.split('\n').filter((l) => l && !l.startsWith('#')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Polls `check` until it returns a value that is not undefined/false; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

/** Names of the processes running in a lab host, read from the machine (its network namespace's pids). */
export function hostProcesses(netns: string): string[] {
  const pids = execFileSync('ip', ['netns', 'pids', netns], { encoding: 'utf8' }).split(/\s+/).filter(Boolean)
  return pids.flatMap((pid) => {
    try {
      return [readFileSync(`/proc/${pid}/comm`, 'utf8').trim()]
    } catch {
      return []
    }
  })
}
