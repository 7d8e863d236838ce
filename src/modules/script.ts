// script: a controller-side script copied to the host, run there with its arguments, removed — in one
// command: the script is a temp file of that command's shell (remote-temp.ts), gone when it ends.
import { REMOTE_TEMP_SH } from '../connection/remote-temp.js'
import { ModuleError } from '../errors.js'
import { printfBytes, quote } from '../util/shell-quote.js'
import { afterFirstWord } from '../util/shlex.js'
import { commandWords, execLine, execProps, type ExecArgs } from './lib/exec.js'
import { findLocal, readLocal } from './lib/local-files.js'
import { changed } from './lib/result.js'
import { defineModule } from './types.js'

const EMBED_LIMIT = 64 * 1024 // the command line stays under Linux's 128 KiB per argument (exec channels)

export interface ScriptArgs extends ExecArgs {
  cmd: string
  executable?: string
}

export const script = defineModule<ScriptArgs>({
  name: 'script',
  freeForm: 'cmd',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['cmd'],
    properties: { cmd: { type: 'string', aliases: ['_raw_params'] }, executable: { type: 'string' }, ...execProps },
  },
  async run(ctx, a) {
    const [src] = commandWords('script', a.cmd)
    if (!src) throw new ModuleError('script: no script given')
    // creates/removes first, as Ansible's script action: a satisfied one skips the task, nothing is copied
    if (a.creates || a.removes) {
      // one round trip for both: 1 when creates exists, 2 when removes is missing, 0 to run
      const probe = `(${a.creates ? ` [ -e ${quote(a.creates)} ] && exit 1;` : ''}${a.removes ? ` [ -e ${quote(a.removes)} ] || exit 2;` : ''} exit 0 )`
      const { rc } = await ctx.conn.run(probe, { become: ctx.become })
      if (rc === 1) return { status: 'skipped', msg: `${a.creates} exists, matching creates option`, data: {} }
      if (rc === 2) return { status: 'skipped', msg: `${a.removes} does not exist, matching removes option`, data: {} }
    }
    if (a.chdir && !a.chdir.startsWith('/')) throw new ModuleError(`chdir ${a.chdir} must be an absolute path for a Unix-aware remote node`)
    const local = findLocal(ctx, src, 'files')
    // check mode: a guarded script would run (changed); an unguarded one may change anything, so it is skipped
    if (ctx.check) return a.creates || a.removes ? changed(undefined, {}) : { status: 'skipped', msg: 'Check mode is not supported for this task.', data: {} }
    const bytes = readLocal(local)
    // small scripts travel in the command itself; a large one on its stdin (the script then reads none)
    const embedded = bytes.length <= EMBED_LIMIT
    if (!embedded && a.stdin !== undefined) throw new ModuleError(`script: ${src} is over ${EMBED_LIMIT / 1024} KiB and cannot be combined with stdin`)
    const run = a.executable ? `${quote(a.executable)} "$tmp"` : '"$tmp"'
    const line = [
      REMOTE_TEMP_SH,
      'tp_tmp /tmp',
      embedded ? `{ ${printfBytes(bytes)} > "$tmp"; } 2>/dev/null || tp_wfail "$tmp"` : `tp_recv ${bytes.length} "$tmp"`,
      `chmod 700 "$tmp" || exit 1`,
      // the arguments reach the shell as written, as Ansible's script action passes them ($VAR expands)
      // (rc on a line of its own: a `#` or `&` in the arguments does what it would in Ansible, and no more)
      `${run}${embedded ? '' : ' </dev/null'}${afterFirstWord(a.cmd.trim())}`,
      'rc=$?',
      'rm -f -- "$tmp"; trap - EXIT; exit $rc',
    ].join('\n')
    return execLine(ctx, line, { ...a, creates: undefined, removes: undefined, ...(embedded ? {} : { stdin: bytes, stdin_add_newline: false }) }, a.cmd)
  },
})
