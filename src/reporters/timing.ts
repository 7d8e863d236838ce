// The timing summary after PLAY RECAP (what Ansible users get from profile_tasks): the slowest tasks
// with their host and time, and each play's wall time. Printed when the run took longer than a few
// seconds, or always with --timing; --no-timing leaves this reporter out.
import { relative } from 'node:path'
import { batchedStdout } from './batched-write.js'
import type { HostResultInfo, PlayInfo, Reporter, RunSummary, TaskInfo } from '../executor/events.js'
import { banner, seconds } from './format.js'

export interface TimingOptions {
  always?: boolean
  /** Runs shorter than this print nothing (default 5 s). */
  thresholdMs?: number
  /** How many of the slowest tasks to list (default 10). */
  top?: number
  write?: (text: string) => void
  redact?: (text: string) => string
}

interface Span {
  task: TaskInfo // label and file:line are made for the few spans printed, not for every host's result
  host: string
  start: number
  end: number
}

/** `role : name`, as Ansible shows a role's task. */
export const taskLabel = (t: TaskInfo) => (t.role ? `${t.role} : ${t.name}` : t.name)

export function taskWhere(t: { file?: string; line?: number }): string {
  if (!t.file || t.file.startsWith('<')) return ''
  const rel = relative(process.cwd(), t.file)
  return `${rel.startsWith('..') ? t.file : rel}${t.line ? `:${t.line}` : ''}`
}

export class TimingReporter implements Reporter {
  readonly showsResultData = false
  private readonly plays: Array<{ name: string; start: number; end?: number }> = []
  private readonly spans = new Map<string, Span>()
  /** How many times each task has started: a task run again (a handler flushed twice) is a new span. */
  private readonly runs = new Map<string, number>()

  constructor(private readonly options: TimingOptions = {}) {}

  onPlayStart(play: PlayInfo): void {
    this.plays.push({ name: play.name, start: Date.now() })
  }

  onPlayEnd(): void {
    const play = this.plays.at(-1)
    if (play) play.end = Date.now()
  }

  onTaskStart(task: TaskInfo): void {
    const key = taskKey(task)
    this.runs.set(key, (this.runs.get(key) ?? 0) + 1)
  }

  onHostResult(event: HostResultInfo): void {
    if (event.loopSummary) return
    const now = Date.now()
    const task = taskKey(event.task)
    const key = `${task}#${this.runs.get(task) ?? 0}|${event.host}`
    const span = this.spans.get(key)
    const start = event.start ?? now
    const end = event.end ?? now
    if (span) {
      span.start = Math.min(span.start, start)
      span.end = Math.max(span.end, end)
    } else {
      this.spans.set(key, { task: event.task, host: event.host, start, end })
    }
  }

  onRunEnd(summary: RunSummary): void {
    if (!this.options.always && summary.durationMs < (this.options.thresholdMs ?? 5000)) return
    const out = this.options.write ? { write: this.options.write, flush: () => {} } : batchedStdout()
    const redact = this.options.redact ?? ((t: string) => t)
    const slowest = [...this.spans.values()].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, this.options.top ?? 10)
    const hostWidth = Math.max(4, ...slowest.map((s) => s.host.length))
    const lines = [banner('TASK TIMES (slowest first)')]
    for (const s of slowest) {
      const where = taskWhere(s.task)
      lines.push(`${seconds(s.end - s.start).padStart(9)}  ${s.host.padEnd(hostWidth)}  ${taskLabel(s.task)}${where ? `  (${where})` : ''}`)
    }
    lines.push('', banner('PLAY TIMES'))
    for (const p of this.plays) lines.push(`${seconds((p.end ?? Date.now()) - p.start).padStart(9)}  ${p.name}`)
    lines.push(`${seconds(summary.durationMs).padStart(9)}  total`)
    out.write(redact(lines.join('\n')) + '\n\n')
    out.flush()
  }
}

function taskKey(t: TaskInfo): string {
  return `${t.file ?? ''}:${t.line ?? ''}:${t.name}`
}
