// Reading /proc: is a process alive, what is its root, who are its children.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs'

/** Alive and not a zombie. */
export function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}

export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}

export function procLink(pid: number, link: 'root' | 'cwd'): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/${link}`)
  } catch {
    return undefined
  }
}

/** Every live process whose root or cwd is inside `dir`. */
export function processesUnder(dir: string): number[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue
    const pid = Number(entry)
    if (pid === process.pid) continue
    for (const link of ['root', 'cwd'] as const) {
      const target = procLink(pid, link)
      if (target && (target === dir || target.startsWith(prefix)) && pidAlive(pid)) {
        found.push(pid)
        break
      }
    }
  }
  return found
}

export function kill(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal)
  } catch {
    /* already gone */
  }
}
