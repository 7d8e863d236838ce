// command: run a program with argv, no shell (pipes, globs and $VARS are literal).
import { ModuleError } from '../errors.js'
import { quoteArgv } from '../util/shell-quote.js'
import { commandWords, execLine, execProps, type ExecArgs } from './lib/exec.js'
import { defineModule } from './types.js'

export interface CommandArgs extends ExecArgs {
  cmd?: string
  argv?: string[]
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
      ...execProps,
    },
  },
  async run(ctx, a) {
    if (a.cmd !== undefined && a.argv) throw new ModuleError('command: give either cmd or argv, not both')
    const argv = a.argv ? a.argv.map(String) : commandWords('command', a.cmd ?? '')
    if (argv.length === 0) throw new ModuleError('command: no command given (cmd or argv)')
    // `exec` so the program is the process: no shell between it and its argv
    return execLine(ctx, `exec ${quoteArgv(argv)}`, a, a.argv ? argv : (a.cmd as string))
  },
})
