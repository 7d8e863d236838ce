// Shared by command, shell, raw and script: run a line (with creates/removes/chdir/stdin), shape the result.
import { ModuleError } from '../../errors.js'
import { quote } from '../../util/shell-quote.js'
import { shlexSplit } from '../../util/shlex.js'
import type { ModuleContext, TaskResult } from '../types.js'
import { changed, failed, ok } from './result.js'

/** A command line's words, split as Ansible splits them (shlex); a bad line is an error naming the module. */
export function commandWords(module: string, line: string): string[] {
  try {
    return shlexSplit(line)
  } catch (error) {
    throw new ModuleError(`${module}: cannot split ${JSON.stringify(line)} into words: ${(error as Error).message}`)
  }
}

export interface ExecArgs {
  chdir?: string
  creates?: string
  removes?: string
  stdin?: string | Buffer // a Buffer is sent as is (script's large body), never with a newline added
  stdin_add_newline?: boolean
  strip_empty_ends?: boolean
}

export const execProps = {
  chdir: { type: 'string' },
  creates: { type: 'string' },
  removes: { type: 'string' },
  stdin: { type: 'string' },
  stdin_add_newline: { type: 'boolean', default: true },
  strip_empty_ends: { type: 'boolean', default: true },
} as const

const SKIP = '__TSPLAY_SKIP__'

/** Runs `line` on the host in one round trip; creates/removes are tested in the same snippet. */
export async function execLine(ctx: ModuleContext, line: string, a: ExecArgs, display: string | string[]): Promise<TaskResult> {
  const guards: string[] = []
  if (a.creates) guards.push(`if [ -e ${quote(a.creates)} ]; then echo ${SKIP}; exit 0; fi`)
  if (a.removes) guards.push(`if [ ! -e ${quote(a.removes)} ]; then echo ${SKIP}; exit 0; fi`)
  if (ctx.check) {
    if (!guards.length) return { status: 'skipped', msg: 'skipped in check mode', data: { cmd: display } }
    guards.push(`exit 0`)
  }
  if (a.chdir) guards.push(`cd ${quote(a.chdir)} || exit 1`)
  let stdin = a.stdin
  if (typeof stdin === 'string' && a.stdin_add_newline !== false) stdin += '\n'
  const start = new Date()
  const res = await ctx.conn.run([...guards, line].join('\n'), { become: ctx.become, stdin })
  const end = new Date()
  if (guards.length && res.stdout === `${SKIP}\n`) {
    const why = a.creates ? `'${a.creates}' exists` : `'${a.removes}' does not exist`
    return ok(`Did not run command since ${why}`, { cmd: display, rc: 0, stdout: '', stderr: '' })
  }
  if (ctx.check) return changed('command would run', { cmd: display })
  const strip = (s: string) => (a.strip_empty_ends === false ? s : s.replace(/\n+$/, ''))
  const stdout = strip(res.stdout)
  const stderr = strip(res.stderr)
  const data = {
    cmd: display,
    rc: res.rc,
    stdout,
    stderr,
    stdout_lines: stdout === '' ? [] : stdout.split('\n'),
    stderr_lines: stderr === '' ? [] : stderr.split('\n'),
    start: start.toISOString(),
    end: end.toISOString(),
    delta: `${(end.getTime() - start.getTime()) / 1000}s`,
  }
  if (res.rc !== 0) return failed(`non-zero return code ${res.rc}${stderr ? `: ${stderr.split('\n').slice(-3).join(' / ').slice(0, 500)}` : ''}`, data)
  return changed(undefined, data)
}
