// One timed child process: wall time, peak memory, exit code and recap. Peak memory is the larger of
// the root's ru_maxrss (GNU time: exact for tsplay, one process) and the highest sum of PSS over its
// process tree seen while sampling: Ansible forks one worker per host and the forks share pages, so
// PSS (shared pages split between sharers) is what the tree really holds; a sum of RSS would overstate.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseRecap, type RecapRow } from '../test/e2e/run-tsplay.js'

export interface Measured {
  ms: number
  rssMB: number // peak memory, MB: see the header
  code: number
  totals: { ok: number; changed: number; failed: number; unreachable: number }
  stdout: string
  stderr: string
}

export interface MeasureOptions {
  env?: NodeJS.ProcessEnv
  cwd?: string
  sampleMs?: number
}

const TIME = '/usr/bin/time'

export async function measure(file: string, args: string[], options: MeasureOptions = {}): Promise<Measured> {
  const timeOut = join(tmpdir(), `tsplay-bench-time-${process.pid}-${Date.now()}`)
  const start = performance.now()
  const child = spawn(TIME, ['-f', '%M', '-o', timeOut, file, ...args], { cwd: options.cwd, env: options.env ?? process.env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
  let treeKB = 0
  const sampler = setInterval(() => (treeKB = Math.max(treeKB, treePssKB(child.pid!))), options.sampleMs ?? 200)
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (c) => resolve(c ?? -1))
  })
  const ms = performance.now() - start
  clearInterval(sampler)
  let rootKB = 0
  try {
    rootKB = Number(readFileSync(timeOut, 'utf8').trim().split('\n').pop())
  } finally {
    rmSync(timeOut, { force: true })
  }
  return { ms, rssMB: Math.max(rootKB, treeKB) / 1024, code, totals: sum(parseRecap(stdout)), stdout, stderr }
}

function sum(recap: Record<string, RecapRow>): Measured['totals'] {
  const t = { ok: 0, changed: 0, failed: 0, unreachable: 0 }
  for (const r of Object.values(recap)) {
    t.ok += r.ok
    t.changed += r.changed
    t.failed += r.failed
    t.unreachable += r.unreachable
  }
  return t
}

/** Sum of PSS (KB) over `root` and its descendants. */
export function treePssKB(root: number): number {
  let total = 0
  for (const pid of treePids(root)) {
    try {
      total += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
    } catch {
      /* exited meanwhile */
    }
  }
  return total
}

// `root` and its descendants, found through each thread's list of children: reading every process's stat
// instead took ~33 ms per sample with 1,000 lab hosts up (~15 % of this 2-core machine at 5 samples a
// second, taken from whatever the sample was measuring)
function treePids(root: number): number[] {
  const pids: number[] = []
  const queue = [root]
  while (queue.length) {
    const pid = queue.pop() as number
    pids.push(pid)
    let threads: string[] = []
    try {
      threads = readdirSync(`/proc/${pid}/task`)
    } catch {
      continue // exited meanwhile
    }
    for (const tid of threads) {
      try {
        for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (child.trim()) queue.push(Number(child))
      } catch {
        /* exited meanwhile */
      }
    }
  }
  return pids
}
