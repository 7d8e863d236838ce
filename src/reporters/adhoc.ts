// `tsplay exec` output, as `ansible` prints it (its minimal callback): `host | CHANGED | rc=0 >>` then the
// command's output, or `host | SUCCESS => {…}` for other modules; with -o its oneline callback's
// `host | CHANGED | rc=0 | (stdout) …`; with --diff each file's diff before the host's line.
import type { HostResultInfo, Reporter } from '../executor/events.js'
import { formatDiff } from './diff.js'
import { pyJsonLine } from './py-json.js'
import { NO_LOG_MESSAGE, resultBody, sortKeys } from './result-shape.js'

const COMMANDS = new Set(['command', 'shell', 'raw', 'script'])

export interface AdhocOptions {
  write?: (text: string) => void
  redact?: (text: string) => string
  oneLine?: boolean
  showDiff?: boolean
  verbosity?: number
}

export class AdhocReporter implements Reporter {
  readonly showsResultData = true
  private readonly write: (text: string) => void
  private readonly redact: (text: string) => string

  constructor(private readonly options: AdhocOptions = {}) {
    this.write = options.write ?? ((t) => process.stdout.write(t))
    this.redact = options.redact ?? ((t) => t)
  }

  onHostResult({ host, task, result, noLog }: HostResultInfo): void {
    const { status, data } = result
    if (this.options.showDiff && result.diff?.length && !noLog) for (const d of result.diff) this.write(this.redact(formatDiff(d, false)))
    const body = noLog ? { censored: NO_LOG_MESSAGE, changed: status === 'changed' } : resultBody(result)
    const oneLine = this.options.oneLine === true
    if (status === 'unreachable') {
      const msg = result.msg ?? ''
      this.out(oneLine ? `${host} | UNREACHABLE!: ${msg}` : `${host} | UNREACHABLE! => ${json({ changed: false, msg, unreachable: true }, oneLine)}`)
    } else if (COMMANDS.has(task.module) && data.rc !== undefined && !noLog && !(oneLine && status === 'failed')) {
      const word = status === 'failed' ? 'FAILED' : status === 'changed' ? 'CHANGED' : 'SUCCESS'
      if (oneLine) {
        const escape = (s: unknown) => String(s ?? '').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
        const stderr = data.stderr ? ` (stderr) ${escape(data.stderr)}` : ''
        this.out(`${host} | ${word} | rc=${String(data.rc)} | (stdout) ${escape(data.stdout)}${stderr}`)
        return
      }
      const output = [data.stdout, data.stderr].filter((s) => typeof s === 'string' && s !== '').join('\n')
      const tail = status === 'failed' ? `${output ? '\n' : ''}${result.msg ?? 'non-zero return code'}` : ''
      this.out(`${host} | ${word} | rc=${String(data.rc)} >>\n${output}${tail}`)
    } else {
      const word = status === 'failed' ? 'FAILED!' : status === 'changed' ? 'CHANGED' : status === 'skipped' ? 'SKIPPED' : 'SUCCESS'
      if (oneLine && status === 'skipped') this.out(`${host} | SKIPPED`)
      else this.out(`${host} | ${word} => ${json(body, oneLine)}`)
    }
  }

  onWarning(message: string): void {
    this.out(`[WARNING]: ${message}`)
  }

  onConnectionDetail(host: string, message: string): void {
    if ((this.options.verbosity ?? 0) >= 3) this.out(`<${host}> ${message}`)
  }

  private out(text: string): void {
    this.write(this.redact(text) + '\n')
  }
}

/** Python's json.dumps(sort_keys=True), indented by 4 or (one line) with indent=0's newlines removed. */
function json(value: unknown, oneLine: boolean): string {
  const sorted = sortKeys(value)
  return oneLine ? pyJsonLine(sorted, ',') : JSON.stringify(sorted, null, 4)
}
