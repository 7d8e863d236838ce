// --junit FILE: one testsuite per play, one testcase per task and host.
import { writeFileSync, renameSync } from 'node:fs'
import type { HostResultInfo, PlayInfo, Reporter } from '../executor/events.js'

interface Case {
  name: string
  classname: string
  status: string
  message?: string
}

export class JunitReporter implements Reporter {
  readonly showsResultData = false // status and message only
  private readonly suites: Array<{ name: string; cases: Case[] }> = []

  constructor(
    private readonly file: string,
    private readonly redact: (text: string) => string = (t) => t,
  ) {}

  onPlayStart(play: PlayInfo): void {
    this.suites.push({ name: play.name, cases: [] })
  }

  onHostResult(event: HostResultInfo): void {
    if (event.loopSummary) return
    this.suites.at(-1)?.cases.push({
      name: `[${event.host}] ${event.task.name}`,
      classname: event.task.file ?? 'playbook',
      status: event.ignored ? 'ok' : event.result.status,
      message: event.noLog ? 'censored (no_log)' : event.result.msg,
    })
  }

  onRunEnd(): void {
    const suites = this.suites.map((s) => {
      const failures = s.cases.filter((c) => c.status === 'failed' || c.status === 'unreachable').length
      const skipped = s.cases.filter((c) => c.status === 'skipped').length
      const cases = s.cases.map((c) => {
        const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}"`
        if (c.status === 'failed' || c.status === 'unreachable')
          return `${open}>\n      <failure type="${c.status}" message="${xml(this.redact(c.message ?? ''))}"/>\n    </testcase>`
        if (c.status === 'skipped') return `${open}>\n      <skipped/>\n    </testcase>`
        return `${open}/>`
      })
      return `  <testsuite name="${xml(s.name)}" tests="${s.cases.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`
    })
    const doc = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`
    writeFileSync(`${this.file}.tmp`, doc)
    renameSync(`${this.file}.tmp`, this.file)
  }
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
}
