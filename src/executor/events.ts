// The executor's event contract: the executor emits these events, reporters (src/reporters) implement
// the hooks they want; only reporters print.
import type { TaskResult } from '../modules/types.js'

export interface PlayInfo {
  name: string
  hosts: string[]
  file?: string
  line?: number
}

export interface TaskInfo {
  name: string
  module: string
  file?: string
  line?: number
  handler?: boolean
  /** The role the task comes from (shown as `role : task`). */
  role?: string
}

export interface HostResultInfo {
  host: string
  task: TaskInfo
  result: TaskResult
  item?: unknown // the loop item (its label), when the task loops
  loopVar?: string // loop_control.loop_var, when the task loops
  ignored?: boolean // failed but ignore_errors
  delegatedTo?: string
  noLog?: boolean
  /** The result of a whole loop whose items were already reported (only sent when ignored). */
  loopSummary?: boolean
  /** When the host started and finished this task (or loop item), epoch ms; absent for results the executor decided alone. */
  start?: number
  end?: number
}

export interface HostStats {
  ok: number
  changed: number
  unreachable: number
  failed: number
  skipped: number
  rescued: number
  ignored: number
}

export interface RunSummary {
  stats: Record<string, HostStats>
  durationMs: number
}

export interface Reporter {
  /**
   * Whether it prints or keeps the module keys of results that did not fail (-v, --json, ad-hoc output).
   * Undeclared counts as yes. When no reporter shows them and the task does not register its result, a
   * module may leave out keys read only for the result (file's stat of the path it just made).
   */
  readonly showsResultData?: boolean
  onPlayStart?(play: PlayInfo): void
  onTaskStart?(task: TaskInfo, hosts: string[]): void
  onHostResult?(event: HostResultInfo): void
  onTaskEnd?(task: TaskInfo): void
  /** include_tasks: a file included for these hosts. */
  onIncluded?(file: string, hosts: string[]): void
  onPlayEnd?(play: PlayInfo): void
  onWarning?(message: string): void
  /** -vvv: how a host's connection was made (address, auth, host key, jumps, become); never secrets. */
  onConnectionDetail?(host: string, message: string): void
  onRunEnd?(summary: RunSummary): void | Promise<void>
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 }
}
