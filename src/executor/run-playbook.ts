// The whole run: plays in order, stats, and the exit code Ansible would give.
import type { Playbook } from '../playbook/model.js'
import type { HostStats } from './events.js'
import { runPlay } from './run-play.js'
import { RunState } from './run-state.js'
import type { RunOptions } from './types.js'

export interface RunOutcome {
  stats: Record<string, HostStats>
  /** Hosts that failed or were unreachable: the retry file's content. */
  failedHosts: string[]
  exitCode: number
}

export const EXIT_CODES = { ok: 0, failed: 2, unreachable: 4 } as const

/** Runs playbooks in order with one run state (set_fact, failed hosts and reporters carry over). */
export async function runPlaybooks(playbooks: Playbook[], options: RunOptions): Promise<RunOutcome> {
  const started = Date.now()
  const run = new RunState(options)
  try {
    plays: for (const playbook of playbooks) {
      for (const play of playbook.plays) if (!(await runPlay(play, run))) break plays
    }
  } finally {
    await run.close()
  }
  const hosts = [...run.hosts.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) // Python's sorted()
  const stats = Object.fromEntries(hosts.map((h) => [h.name, h.stats]))
  await options.reporter.onRunEnd({ stats, durationMs: Date.now() - started })
  const failedHosts = hosts.filter((h) => h.failed || h.unreachable).map((h) => h.name)
  const exitCode = hosts.some((h) => h.unreachable) ? EXIT_CODES.unreachable : hosts.some((h) => h.failed) ? EXIT_CODES.failed : EXIT_CODES.ok
  return { stats, failedHosts, exitCode }
}
