// Shared by command, shell, raw and script: run a line (with creates/removes/chdir/stdin), shape the result.
import { ModuleError } from '../../errors.js'
import { shlexSplit } from '../../util/shlex.js'
import type { ModuleContext, TaskResult } from '../types.js'
import { assignPath } from './host-path.js'
import { changed, failed, ok } from './result.js'
import { pyDelta, pyNow } from '../../util/py-time.js'

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
const NO_CHDIR = '__TSPLAY_NO_CHDIR__'

/** sh that exits 0 when the glob `pattern` (in $var) matches an existing path, as Python's glob.glob. */
// a glob matches when its first expansion exists (Python's glob: an unmatched one stays as written); a
// function's own positional parameters instead of a subshell: no process
const GLOB_SH = `tp_glob() { _i=$IFS; IFS=; set -- $1; IFS=$_i; [ -e "$1" ] || [ -L "$1" ]; }`
const globMatches = (v: string) => `tp_glob "$${v}"`

/**
 * Runs `line` on the host in one round trip, as Ansible's command module orders it: chdir first (a
 * missing directory fails, in check mode too; `cd -P`, as os.chdir, so $PWD is the physical path), then
 * creates/removes, globs relative to that directory, then the line. In check mode a line that creates or
 * removes would guard reports changed without running; without them the task is skipped.
 */
export async function execLine(ctx: ModuleContext, line: string, a: ExecArgs, display: string | string[], extra: Record<string, unknown> = {}): Promise<TaskResult> {
  const lines: string[] = []
  if (a.chdir) {
    lines.push(assignPath('tp_cd', a.chdir))
    const why = `if [ ! -e "$tp_cd" ]; then echo 'No such file or directory'; elif [ ! -d "$tp_cd" ]; then echo 'Not a directory'; else echo 'Permission denied'; fi`
    lines.push(`cd -P -- "$tp_cd" 2>/dev/null || { echo ${NO_CHDIR}; ${why}; exit 0; }`)
  }
  if (a.creates || a.removes) lines.push(GLOB_SH)
  if (a.creates) lines.push(assignPath('tp_cr', a.creates), `if ${globMatches('tp_cr')}; then echo ${SKIP}; exit 0; fi`)
  if (a.removes) lines.push(assignPath('tp_rm', a.removes), `if ! ${globMatches('tp_rm')}; then echo ${SKIP}; exit 0; fi`)
  const guarded = !!(a.creates || a.removes)
  const base = { ...extra, cmd: display, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], rc: 0, start: null, end: null, delta: null }
  const wouldRun = 'Command would have run if not in check mode'
  if (ctx.check && !lines.length) return { status: 'skipped', msg: wouldRun, data: base }
  if (ctx.check) lines.push('exit 0')
  let stdin = a.stdin
  if (typeof stdin === 'string' && a.stdin_add_newline !== false) stdin += '\n'
  const start = new Date()
  const res = await ctx.conn.run([...lines, line].join('\n'), { become: ctx.become, ...(ctx.check ? {} : { stdin }) })
  const end = new Date()
  if (lines.length && res.stdout.startsWith(`${NO_CHDIR}\n`)) {
    return failed(`Unable to change directory before execution: ${res.stdout.split('\n')[1]}: '${a.chdir}'`, { ...base, rc: null })
  }
  if (lines.length && res.stdout === `${SKIP}\n`) {
    const why = a.creates ? `'${a.creates}' exists` : `'${a.removes}' does not exist`
    const stdout = `skipped, since ${a.creates ? `${a.creates} exists` : `${a.removes} does not exist`}`
    return ok(`${ctx.check ? 'Would' : 'Did'} not run command since ${why}`, { ...base, stdout, stdout_lines: [stdout] })
  }
  if (ctx.check) return guarded ? changed(wouldRun, base) : { status: 'skipped', msg: wouldRun, data: base }
  // Ansible strips trailing \r and \n characters, in any order
  const strip = (s: string) => (a.strip_empty_ends === false ? s : s.replace(/[\r\n]+$/, ''))
  const stdout = strip(res.stdout)
  const stderr = strip(res.stderr)
  const data = {
    ...extra,
    cmd: display,
    rc: res.rc,
    stdout,
    stderr,
    stdout_lines: stdout === '' ? [] : stdout.split('\n'),
    stderr_lines: stderr === '' ? [] : stderr.split('\n'),
    start: pyNow(start),
    end: pyNow(end),
    delta: pyDelta(end.getTime() - start.getTime()),
  }
  if (res.rc !== 0) return failed('non-zero return code', data) // Ansible's words; stderr is in the result
  return changed('', data)
}
