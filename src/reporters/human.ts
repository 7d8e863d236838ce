// Ansible-like terminal output: PLAY/TASK banners, one line per host result, PLAY RECAP.
import { ansibleConfig } from '../config/load.js'
import { taskLabel } from './timing.js'
import { batchedStdout } from './batched-write.js'
import type { HostResultInfo, PlayInfo, Reporter, RunSummary, TaskInfo } from '../executor/events.js'
import { formatDiff } from './diff.js'
import { pyJsonLine } from './py-json.js'
import { NO_LOG_MESSAGE } from './result-shape.js'
import { banner, seconds } from './format.js'

export interface HumanOptions {
  write?: (text: string) => void
  color?: boolean
  verbosity?: number
  showDiff?: boolean
  redact?: (text: string) => string
  /** A live "hosts done/total" line for tasks slower than this (TTY only). */
  liveAfterMs?: number
}

const codes = { green: 32, yellow: 33, red: 31, cyan: 36, magenta: 35, bold: 1 } as const
type Color = keyof typeof codes

const statusColor = { ok: 'green', changed: 'yellow', failed: 'red', skipped: 'cyan', unreachable: 'red' } as const

const NO_LOG = NO_LOG_MESSAGE

export class HumanReporter implements Reporter {
  private readonly write: (text: string) => void
  private readonly flush: () => void
  private readonly color: boolean
  private readonly redact: (text: string) => string
  private live?: { timer: NodeJS.Timeout; done: number; total: number }
  private taskSpan?: { start: number; end: number }
  private readonly warned = new Set<string>()
  readonly showsResultData: boolean

  constructor(private readonly options: HumanOptions = {}) {
    const out = options.write ? { write: options.write, flush: () => {} } : batchedStdout()
    this.write = out.write
    this.flush = out.flush
    this.color = options.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR && !ansibleConfig().get('ANSIBLE_NOCOLOR'))
    this.redact = options.redact ?? ((t) => t)
    this.showsResultData = (options.verbosity ?? 0) > 0 // -v: every ok/changed result's keys
  }

  private paint(color: Color, text: string): string {
    return this.color ? `\x1b[${codes[color]}m${text}\x1b[0m` : text
  }

  onPlayStart(play: PlayInfo): void {
    this.write(`\n${banner(`PLAY [${play.name}]`)}\n`)
  }

  onTaskStart(task: TaskInfo, hosts: string[]): void {
    const kind = task.handler ? 'RUNNING HANDLER' : 'TASK'
    this.write(`\n${banner(`${kind} [${taskLabel(task)}]`)}\n`)
    this.startLive(hosts.length)
    this.taskSpan = undefined
  }

  onTaskEnd(): void {
    this.stopLive()
    // -v: the task's time, first host start to last host end
    const span = this.taskSpan
    if ((this.options.verbosity ?? 0) > 0 && span) this.write(`task time: ${seconds(span.end - span.start)}\n`)
    this.taskSpan = undefined
  }

  onConnectionDetail(host: string, message: string): void {
    if ((this.options.verbosity ?? 0) >= 3) this.write(`<${host}> ${this.redact(message)}\n`)
  }

  onHostResult(event: HostResultInfo): void {
    const { host, result, item, delegatedTo } = event
    if (event.start !== undefined && event.end !== undefined) {
      const span = this.taskSpan
      this.taskSpan = span ? { start: Math.min(span.start, event.start), end: Math.max(span.end, event.end) } : { start: event.start, end: event.end }
    }
    this.clearLive()
    if (event.loopSummary) {
      if (event.ignored) this.write(`${this.paint('cyan', '...ignoring')}\n`)
      return
    }
    if (this.live) this.live.done++
    // a module's warnings come before its result line, as Ansible's default callback prints them
    const warnings = result.data.warnings
    if (Array.isArray(warnings) && !event.noLog) for (const w of warnings) this.onWarning(String(w))
    const target = delegatedTo ? `${host} -> ${delegatedTo}` : host
    const label = item === undefined ? '' : `(item=${this.redact(event.noLog ? '(censored due to no_log)' : describeItem(item))})`
    const color = statusColor[result.status]
    let line: string
    if (result.status === 'unreachable') {
      line = this.paint(color, `fatal: [${target}]: UNREACHABLE! => ${this.body(event)}`)
    } else if (result.status === 'failed') {
      // Ansible: `failed: [h] (item=x) => {…}` for a loop item, `fatal: [h]: FAILED! => {…}` otherwise
      line = this.paint(color, item === undefined ? `fatal: [${target}]: FAILED! => ${this.body(event)}` : `failed: [${target}] ${label} => ${this.body(event)}`)
      if (event.ignored) line += `\n${this.paint('cyan', '...ignoring')}`
    } else {
      const word = result.status === 'skipped' ? 'skipping' : result.status
      line = this.paint(color, `${word}: [${target}]${label ? ` => ${label}` : ''}${this.details(event)}`)
    }
    this.write(`${line}\n`)
    if (this.options.showDiff && result.diff?.length && !event.noLog) {
      for (const d of result.diff) this.write(this.redact(formatDiff(d, this.color)))
    }
  }

  onIncluded(file: string, hosts: string[]): void {
    this.write(`included: ${file} for ${hosts.join(', ')}\n`)
  }

  onWarning(message: string): void {
    if (this.warned.has(message)) return // Ansible's display prints a warning once per run
    this.warned.add(message)
    this.write(`${this.paint('magenta', `[WARNING]: ${this.redact(message)}`)}\n`)
  }

  onRunEnd(summary: RunSummary): void {
    this.stopLive()
    this.write(`\n${banner('PLAY RECAP')}\n`)
    for (const [host, s] of Object.entries(summary.stats)) {
      const hostColor: Color = s.failed || s.unreachable ? 'red' : s.changed ? 'yellow' : 'green'
      const cell = (name: string, n: number, c: Color) => {
        const text = `${name}=${String(n).padEnd(4)}`
        return n ? this.paint(c, text) : text
      }
      this.write(
        `${this.paint(hostColor, host.padEnd(26))} : ${cell('ok', s.ok, 'green')} ${cell('changed', s.changed, 'yellow')} ` +
          `${cell('unreachable', s.unreachable, 'red')} ${cell('failed', s.failed, 'red')} ${cell('skipped', s.skipped, 'cyan')} ` +
          `${cell('rescued', s.rescued, 'green')} ${cell('ignored', s.ignored, 'magenta')}\n`,
      )
    }
    this.write('\n')
    this.flush()
  }

  /** `=> {...}` for failures: the message and what a user needs to fix it. */
  private body(event: HostResultInfo): string {
    if (event.noLog) return pyJsonLine({ censored: NO_LOG, changed: false })
    const { result } = event
    const shown: Record<string, unknown> = { changed: false, msg: result.msg ?? '' }
    if (result.status === 'unreachable') shown.unreachable = true
    for (const key of ['rc', 'cmd', 'stdout', 'stderr']) if (result.data[key] !== undefined) shown[key] = result.data[key]
    return this.redact(pyJsonLine(shown))
  }

  /** debug output and -v details for ok/changed results. */
  private details(event: HostResultInfo): string {
    const { result } = event
    if (event.noLog) return (this.options.verbosity ?? 0) > 0 ? ` => ${pyJsonLine({ censored: NO_LOG })}` : ''
    if (event.task.module === 'debug' && result.status !== 'skipped') {
      return ` => ${this.redact(JSON.stringify(result.data, null, 4))}`
    }
    if ((this.options.verbosity ?? 0) > 0 && result.status !== 'skipped') {
      return ` => ${this.redact(pyJsonLine({ changed: result.status === 'changed', msg: result.msg, ...result.data }))}`
    }
    return ''
  }

  private startLive(total: number): void {
    const threshold = this.options.liveAfterMs ?? 1000
    if (!process.stderr.isTTY || this.options.write) return
    const live = { done: 0, total, timer: setInterval(() => this.drawLive(), threshold) }
    live.timer.unref()
    this.live = live
  }

  private drawLive(): void {
    this.flush() // results first: the live line is drawn after them, on the terminal's last line
    if (this.live) process.stderr.write(`\r\x1b[2K  … ${this.live.done}/${this.live.total} hosts done`)
  }

  private clearLive(): void {
    if (this.live && process.stderr.isTTY) process.stderr.write('\r\x1b[2K')
  }

  private stopLive(): void {
    if (!this.live) return
    clearInterval(this.live.timer)
    this.clearLive()
    this.live = undefined
  }
}

function describeItem(item: unknown): string {
  return typeof item === 'string' ? item : JSON.stringify(item)
}
