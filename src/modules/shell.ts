// shell: run a line through /bin/sh (or `executable`), pipes and redirections allowed.
import { quote } from '../util/shell-quote.js'
import { execLine, execProps, type ExecArgs } from './lib/exec.js'
import { defineModule } from './types.js'

export interface ShellArgs extends ExecArgs {
  cmd: string
  executable?: string
}

export const shell = defineModule<ShellArgs>({
  name: 'shell',
  freeForm: 'cmd',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['cmd'],
    properties: { cmd: { type: 'string', aliases: ['_raw_params'] }, executable: { type: 'string' }, ...execProps },
  },
  async run(ctx, a) {
    const line = a.executable ? `exec ${quote(a.executable)} -c ${quote(a.cmd)}` : a.cmd
    return execLine(ctx, line, a, a.cmd)
  },
})
