// --json: one JSON document at the end in the shape of Ansible's json callback (what
// ANSIBLE_STDOUT_CALLBACK=json prints): plays → tasks → hosts → each host's full result, then stats.
// Keys sorted and indented as it prints them; `path` is the play's or task's file:line, as in Ansible.
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type { HostResultInfo, HostStats, PlayInfo, Reporter, RunSummary, TaskInfo } from '../executor/events.js'
import { NO_LOG_MESSAGE, resultFlags, resultBody, loopSummary, sortKeys } from './result-shape.js'

type Json = Record<string, unknown>

interface TaskEntry {
  task: Json & { duration: { start: string; end?: string } }
  hosts: Record<string, Json>
}

interface PlayEntry {
  play: Json & { duration: { start: string; end?: string } }
  tasks: TaskEntry[]
  /** The latest entry of each task (free strategy interleaves hosts' tasks). */
  byTask: Map<string, TaskEntry>
}

const now = () => new Date().toISOString()
const taskKey = (t: TaskInfo) => `${t.file ?? ''}:${t.line ?? ''}:${t.name}`
const path = (file?: string, line?: number) => (file && !file.startsWith('<') ? `${resolve(file)}${line ? `:${line}` : ''}` : '')

export class JsonReporter implements Reporter {
  readonly showsResultData = true
  private readonly plays: PlayEntry[] = []
  /** Loop items of a task on a host, folded into one result when the task ends. */
  private readonly loops = new Map<Json, Json[]>()

  constructor(
    private readonly write: (text: string) => void = (t) => process.stdout.write(t),
    private readonly redact: (text: string) => string = (t) => t,
  ) {}

  onPlayStart(play: PlayInfo): void {
    this.plays.push({
      play: { name: play.name, id: randomUUID(), path: path(play.file, play.line), duration: { start: now() } },
      tasks: [],
      byTask: new Map(),
    })
  }

  onTaskStart(task: TaskInfo): void {
    this.newTask(task)
  }

  onHostResult(event: HostResultInfo): void {
    if (event.loopSummary) return
    const entry = this.taskEntry(event.task)
    const result = event.noLog
      ? { censored: NO_LOG_MESSAGE, changed: event.result.status === 'changed', ...resultFlags(event.result.status) }
      : resultBody(event.result)
    if (event.item === undefined) {
      entry.hosts[event.host] = { ...result, action: event.task.module }
    } else {
      const items = this.itemsOf(entry, event.host, event.task.module)
      const loopVar = event.loopVar ?? 'item'
      items.push({
        ...result,
        [loopVar]: event.noLog ? '(censored due to no_log)' : event.item,
        ansible_loop_var: loopVar,
        _ansible_item_label: event.noLog ? '(censored due to no_log)' : event.item,
        changed: event.result.status === 'changed',
        failed: event.result.status === 'failed',
      })
    }
    const end = now()
    entry.task.duration.end = end
    this.plays.at(-1)!.play.duration.end = end
  }

  onRunEnd(summary: RunSummary): void {
    for (const [host, items] of this.loops) Object.assign(host, loopSummary(items))
    const doc = {
      custom_stats: {},
      global_custom_stats: {},
      plays: this.plays.map(({ play, tasks }) => ({ play, tasks: tasks.map(({ task, hosts }) => ({ hosts, task })) })),
      stats: Object.fromEntries(Object.entries(summary.stats).map(([h, s]) => [h, ansibleStats(s)])),
    }
    this.write(this.redact(JSON.stringify(sortKeys(doc), null, 4)) + '\n')
  }

  private newTask(task: TaskInfo): TaskEntry {
    const play = this.plays.at(-1) ?? this.implicitPlay()
    const name = task.role ? `${task.role} : ${task.name}` : task.name
    const entry: TaskEntry = { task: { name, id: randomUUID(), path: path(task.file, task.line), duration: { start: now() } }, hosts: {} }
    play.tasks.push(entry)
    play.byTask.set(taskKey(task), entry)
    return entry
  }

  /** A result of a task that was not announced (an include's skip) opens its own entry, as Ansible's does. */
  private taskEntry(task: TaskInfo): TaskEntry {
    return this.plays.at(-1)?.byTask.get(taskKey(task)) ?? this.newTask(task)
  }

  private implicitPlay(): PlayEntry {
    const play: PlayEntry = { play: { name: '', id: randomUUID(), path: '', duration: { start: now() } }, tasks: [], byTask: new Map() }
    this.plays.push(play)
    return play
  }

  private itemsOf(entry: TaskEntry, host: string, module: string): Json[] {
    let result = entry.hosts[host]
    if (!result || !this.loops.has(result)) {
      result = { action: module }
      entry.hosts[host] = result
      this.loops.set(result, [])
    }
    return this.loops.get(result)!
  }
}

/** The recap counters under Ansible's names (`failures`, not `failed`). */
function ansibleStats(s: HostStats): Json {
  return { changed: s.changed, failures: s.failed, ignored: s.ignored, ok: s.ok, rescued: s.rescued, skipped: s.skipped, unreachable: s.unreachable }
}
