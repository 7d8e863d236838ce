// What --report's HTML page shows, collected from the executor's events: compact enough for 1,000 hosts
// (a result is five numbers; messages only for failures, text only for diffs), secrets already masked.
import type { HostResultInfo, HostStats, PlayInfo, RunSummary, TaskInfo } from '../../executor/events.js'
import { unifiedDiff } from '../diff.js'
import { NO_LOG_MESSAGE } from '../result-shape.js'
import { taskLabel, taskWhere } from '../timing.js'

export const STATUSES = ['ok', 'changed', 'failed', 'skipped', 'unreachable', 'ignored'] as const

export interface ReportModel {
  title: string
  started: number
  ended: number
  /** The run's wall time, as the recap's caller measured it. */
  durationMs: number
  hosts: string[]
  plays: Array<{ name: string; start: number; end: number }>
  tasks: Array<{ name: string; where: string; play: number; module: string; handler: boolean }>
  /** [host index, task index, start offset ms, duration ms, status index in STATUSES] */
  results: Array<[number, number, number, number, number]>
  failures: Array<{ host: string; task: number; msg: string; item?: string; ignored: boolean; unreachable: boolean }>
  diffs: Array<{ host: string; task: number; text: string }>
  stats: Record<string, HostStats>
  warnings: string[]
  /** Diffs beyond the cap, counted but not embedded. */
  diffsLeftOut: number
}

const MAX_DIFFS = 200
const MAX_DIFF_CHARS = 20_000
const MAX_MSG_CHARS = 4_000

export class ReportCollector {
  private readonly model: ReportModel
  private readonly hostIndex = new Map<string, number>()
  private readonly taskIndex = new Map<string, number>()

  constructor(title: string, private readonly redact: (text: string) => string) {
    const now = Date.now()
    this.model = { title: redact(title), started: now, ended: now, durationMs: 0, hosts: [], plays: [], tasks: [], results: [], failures: [], diffs: [], stats: {}, warnings: [], diffsLeftOut: 0 }
  }

  set title(title: string) {
    this.model.title = this.redact(title)
  }

  playStart(play: PlayInfo): void {
    const now = Date.now()
    if (this.model.plays.length === 0) this.model.started = now // the timeline starts with the first play
    this.model.plays.push({ name: this.redact(play.name), start: now - this.model.started, end: now - this.model.started })
    for (const h of play.hosts) this.host(h)
  }

  playEnd(): void {
    const play = this.model.plays.at(-1)
    if (play) play.end = Date.now() - this.model.started
  }

  taskStart(task: TaskInfo): void {
    this.newTask(task)
  }

  result(event: HostResultInfo): void {
    if (event.loopSummary) return
    const now = Date.now()
    const task = this.taskIndex.get(taskKey(event.task)) ?? this.newTask(event.task)
    const start = (event.start ?? now) - this.model.started
    const duration = Math.max(0, (event.end ?? now) - (event.start ?? now))
    const { status } = event.result
    const shown = status === 'failed' && event.ignored ? 'ignored' : status
    this.model.results.push([this.host(event.host), task, start, duration, STATUSES.indexOf(shown)])
    if (status === 'failed' || status === 'unreachable') {
      const msg = event.noLog ? NO_LOG_MESSAGE : failureText(event)
      const item = event.item === undefined ? undefined : event.noLog ? '(censored due to no_log)' : this.redact(describe(event.item))
      this.model.failures.push({ host: event.host, task, msg: this.redact(msg).slice(0, MAX_MSG_CHARS), item, ignored: event.ignored === true, unreachable: status === 'unreachable' })
    }
    if (event.result.diff?.length && !event.noLog && status !== 'failed') {
      for (const d of event.result.diff) {
        if (this.model.diffs.length >= MAX_DIFFS) {
          this.model.diffsLeftOut++
          continue
        }
        const text = unifiedDiff(d.before, d.after, d.path)
        if (text) this.model.diffs.push({ host: event.host, task, text: this.redact(text).slice(0, MAX_DIFF_CHARS) })
      }
    }
  }

  warning(message: string): void {
    this.model.warnings.push(this.redact(message))
  }

  finish(summary: RunSummary): ReportModel {
    this.model.ended = Date.now()
    this.model.durationMs = summary.durationMs
    this.model.stats = summary.stats
    for (const h of Object.keys(summary.stats)) this.host(h)
    return this.model
  }

  private host(name: string): number {
    let i = this.hostIndex.get(name)
    if (i === undefined) {
      i = this.model.hosts.push(name) - 1
      this.hostIndex.set(name, i)
    }
    return i
  }

  private newTask(task: TaskInfo): number {
    const i = this.model.tasks.push({
      name: this.redact(taskLabel(task)),
      where: taskWhere(task),
      play: Math.max(0, this.model.plays.length - 1),
      module: task.module,
      handler: task.handler === true,
    }) - 1
    this.taskIndex.set(taskKey(task), i)
    return i
  }
}

function taskKey(t: TaskInfo): string {
  return `${t.file ?? ''}:${t.line ?? ''}:${t.name}`
}

function describe(item: unknown): string {
  return typeof item === 'string' ? item : JSON.stringify(item)
}

/** The message and what a user needs to fix it: msg, then rc and the command's stderr/stdout when there. */
function failureText({ result }: HostResultInfo): string {
  const parts = [result.msg ?? (result.status === 'unreachable' ? 'unreachable' : 'failed')]
  const { rc, stderr, stdout } = result.data
  if (rc !== undefined) parts.push(`rc=${String(rc)}`)
  if (typeof stderr === 'string' && stderr.trim()) parts.push(`stderr: ${stderr.trim()}`)
  else if (typeof stdout === 'string' && stdout.trim()) parts.push(`stdout: ${stdout.trim()}`)
  return parts.join('\n')
}
