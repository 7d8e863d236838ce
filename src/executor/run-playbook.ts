// The whole run: plays in order, stats, and the exit code Ansible would give.
import type { Playbook } from '../playbook/model.js'
import type { HostStats } from './events.js'
import { runPlay } from './run-play.js'
import { RunState } from './run-state.js'
import { isActive, type HostState, type RunOptions } from './types.js'

export interface RunOutcome {
  stats: Record<string, HostStats>
  /** Hosts that failed or were unreachable (and, after a signal, those it stopped): the retry file's content. */
  failedHosts: string[]
  exitCode: number
  /** SIGINT/SIGTERM stopped the run: the signal, and the hosts whose run it cut short. */
  interrupted?: { signal: string; hosts: string[] }
}

export const EXIT_CODES = { ok: 0, failed: 2, unreachable: 4 } as const

/** Runs playbooks in order with one run state (set_fact, failed hosts and reporters carry over). */
export async function runPlaybooks(playbooks: Playbook[], options: RunOptions): Promise<RunOutcome> {
  const started = Date.now()
  const run = new RunState(options)
  try {
    plays: for (const playbook of playbooks) {
      for (const play of playbook.plays) if (run.stopReason() || !(await runPlay(play, run))) break plays
    }
  } finally {
    await run.close()
  }
  const hosts = [...run.hosts.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) // Python's sorted()
  const signal = run.stopReason()
  const interrupted = signal ? { signal, hosts: hosts.filter(cutShort).map((h) => h.name) } : undefined
  // the recap names the hosts something happened to, as Ansible's (a play without tasks, a delegate_facts target: none)
  const counted = (h: HostState) => Object.values(h.stats).some((n) => n > 0) || interrupted?.hosts.includes(h.name)
  const stats = Object.fromEntries(hosts.filter(counted).map((h) => [h.name, h.stats]))
  if (interrupted) {
    const which = interrupted.hosts.length ? `; stopped on ${interrupted.hosts.join(', ')}` : ''
    options.reporter.onWarning(`interrupted by ${signal}: no task was started after it, the commands running were stopped${which}`)
  }
  await options.reporter.onRunEnd({ stats, durationMs: Date.now() - started })
  const failedHosts = hosts.filter((h) => h.failed || h.unreachable || interrupted?.hosts.includes(h.name)).map((h) => h.name)
  const exitCode = hosts.some((h) => h.unreachable) ? EXIT_CODES.unreachable : hosts.some((h) => h.failed) ? EXIT_CODES.failed : EXIT_CODES.ok
  return { stats, failedHosts, exitCode, ...(interrupted ? { interrupted } : {}) }
}

/** A host the signal stopped: still going when it came, or failed by it (its command was stopped). */
function cutShort(h: HostState): boolean {
  return isActive(h) || (h.failed && h.lastFailure?.result.interrupted === true)
}
