// command: run a program with argv, no shell (pipes, globs and $VARS are literal).
import { quoteArgv } from '../util/shell-quote.js'
import { commandWords, execLine, execProps, type ExecArgs } from './lib/exec.js'
import { failed } from './lib/result.js'
import { defineModule } from './types.js'

export interface CommandArgs extends ExecArgs {
  cmd?: string
  argv?: string[]
  executable?: string
}

export const command = defineModule<CommandArgs>({
  name: 'command',
  freeForm: 'cmd',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      cmd: { type: 'string', aliases: ['_raw_params'] },
      argv: { type: 'array', items: { type: ['string', 'number'] }, minItems: 1 },
      executable: { type: 'string' }, // accepted and ignored with a warning, as Ansible does since 2.4
      ...execProps,
    },
  },
  async run(ctx, a) {
    const warnings = a.executable ? [`As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '${a.executable}'.`] : []
    const extra = warnings.length ? { warnings } : {}
    const given = a.cmd !== undefined && a.cmd.trim() !== ''
    // Ansible's messages and rc 256 for a task that names no program, or two
    if (!given && !a.argv) return failed('no command given', { ...extra, rc: 256, cmd: null, stdout: '', stderr: '' })
    if (given && a.argv) return failed('only command or argv can be given, not both', { ...extra, rc: 256, cmd: null, stdout: '', stderr: '' })
    const argv = a.argv ? a.argv.map(String) : commandWords('command', a.cmd as string)
    // `exec` so the program is the process: no shell between it and its argv; cmd is the list of words
    return execLine(ctx, `exec ${quoteArgv(argv)}`, a, argv, extra)
  },
})
