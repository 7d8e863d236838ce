// --json: one JSON document at the end, shaped like Ansible's json callback.
import type { HostResultInfo, PlayInfo, Reporter, RunSummary, TaskInfo } from '../executor/events.js'

interface JsonTask {
  task: TaskInfo
  hosts: Record<string, Record<string, unknown>>
}

export class JsonReporter implements Reporter {
  private readonly plays: Array<{ play: PlayInfo; tasks: JsonTask[] }> = []

  constructor(
    private readonly write: (text: string) => void = (t) => process.stdout.write(t),
    private readonly redact: (text: string) => string = (t) => t,
  ) {}

  onPlayStart(play: PlayInfo): void {
    this.plays.push({ play, tasks: [] })
  }

  onTaskStart(task: TaskInfo): void {
    this.plays.at(-1)?.tasks.push({ task, hosts: {} })
  }

  onHostResult(event: HostResultInfo): void {
    if (event.loopSummary) return
    const task = this.plays.at(-1)?.tasks.at(-1)
    if (!task) return
    const { result } = event
    const entry: Record<string, unknown> = event.noLog
      ? { censored: "the output has been hidden due to the fact that 'no_log: true' was specified for this result" }
      : { ...result.data, msg: result.msg }
    Object.assign(entry, {
      changed: result.status === 'changed',
      failed: result.status === 'failed',
      skipped: result.status === 'skipped',
      unreachable: result.status === 'unreachable',
    })
    if (event.ignored) entry.ignored = true
    if (event.item !== undefined) {
      const results = [...((task.hosts[event.host]?.results as Record<string, unknown>[]) ?? []), { item: event.noLog ? '(censored)' : event.item, ...entry }]
      // the loop's own flags, as Ansible's: changed or failed if any item is, skipped if all are
      task.hosts[event.host] = {
        results,
        changed: results.some((r) => r.changed),
        failed: results.some((r) => r.failed),
        skipped: results.every((r) => r.skipped),
      }
    } else {
      task.hosts[event.host] = entry
    }
  }

  onRunEnd(summary: RunSummary): void {
    const doc = { plays: this.plays, stats: summary.stats, duration_ms: summary.durationMs }
    this.write(this.redact(JSON.stringify(doc, null, 2)) + '\n')
  }
}
