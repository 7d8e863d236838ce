// `tsplay exec` output, as `ansible` prints it: `host | CHANGED | rc=0 >>` then the command's output,
// or `host | SUCCESS => {…}` for other modules.
import type { HostResultInfo, Reporter } from '../executor/events.js'

const COMMANDS = new Set(['command', 'shell', 'raw', 'script'])

export class AdhocReporter implements Reporter {
  constructor(
    private readonly write: (text: string) => void = (t) => process.stdout.write(t),
    private readonly redact: (text: string) => string = (t) => t,
  ) {}

  onHostResult({ host, task, result }: HostResultInfo): void {
    const { status, data, msg } = result
    if (status === 'unreachable') {
      this.out(`${host} | UNREACHABLE! => ${json({ changed: false, msg, unreachable: true })}`)
    } else if (COMMANDS.has(task.module) && data.rc !== undefined) {
      const word = status === 'failed' ? 'FAILED' : status === 'changed' ? 'CHANGED' : 'SUCCESS'
      const output = [data.stdout, data.stderr].filter((s) => typeof s === 'string' && s !== '').join('\n')
      const tail = status === 'failed' ? `${output ? '\n' : ''}${msg ?? 'non-zero return code'}` : ''
      this.out(`${host} | ${word} | rc=${String(data.rc)} >>\n${output}${tail}`)
    } else {
      const word = status === 'failed' ? 'FAILED!' : status === 'changed' ? 'CHANGED' : status === 'skipped' ? 'SKIPPED' : 'SUCCESS'
      this.out(`${host} | ${word} => ${json({ changed: status === 'changed', ...(msg !== undefined ? { msg } : {}), ...data })}`)
    }
  }

  onWarning(message: string): void {
    this.out(`[WARNING]: ${message}`)
  }

  private out(text: string): void {
    this.write(this.redact(text) + '\n')
  }
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 4)
}
