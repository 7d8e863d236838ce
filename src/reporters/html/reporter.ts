// --report FILE.html: the run as one self-contained page (html/page.ts), written when the run ends.
import { renameSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { HostResultInfo, PlayInfo, Reporter, RunSummary, TaskInfo } from '../../executor/events.js'
import { ReportCollector } from './model.js'
import { renderPage } from './page.js'

export class HtmlReporter implements Reporter {
  readonly showsResultData = false // failures' rc/stdout/stderr and diffs only
  private readonly collector: ReportCollector
  private titled = false

  constructor(
    private readonly file: string,
    private readonly redact: (text: string) => string = (t) => t,
  ) {
    this.collector = new ReportCollector('tsplay run', redact)
  }

  onPlayStart(play: PlayInfo): void {
    if (!this.titled && play.file) {
      this.collector.title = play.file.startsWith('<') ? play.name : basename(play.file)
      this.titled = true
    }
    this.collector.playStart(play)
  }

  onPlayEnd(): void {
    this.collector.playEnd()
  }

  onTaskStart(task: TaskInfo): void {
    this.collector.taskStart(task)
  }

  onHostResult(event: HostResultInfo): void {
    this.collector.result(event)
  }

  onWarning(message: string): void {
    this.collector.warning(message)
  }

  onRunEnd(summary: RunSummary): void {
    // every string was masked as it came in; the page as a whole is masked again (a secret split
    // across two fields, or in a host name, still never reaches the file)
    const html = this.redact(renderPage(this.collector.finish(summary)))
    writeFileSync(`${this.file}.tmp`, html)
    renameSync(`${this.file}.tmp`, this.file)
  }
}
