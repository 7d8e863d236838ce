// script: a controller-side script copied to the host, run there with its arguments, removed.
import { randomBytes } from 'node:crypto'
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { commandWords, execLine, execProps, type ExecArgs } from './lib/exec.js'
import { findLocal, readLocal } from './lib/local-files.js'
import { ok } from './lib/result.js'
import { defineModule } from './types.js'

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
    const [src, ...args] = commandWords('script', a.cmd)
    if (!src) throw new ModuleError('script: no script given')
    const local = findLocal(ctx, src, 'files')
    // creates/removes first: a skipped script is not even copied
    if (a.creates || a.removes) {
      const guard = a.creates ? `[ -e ${quote(a.creates)} ]` : `[ ! -e ${quote(a.removes as string)} ]`
      if ((await ctx.conn.run(guard, { become: ctx.become })).rc === 0) {
        return ok(`skipped, since ${a.creates ? `${a.creates} exists` : `${a.removes} does not exist`}`, { rc: 0, stdout: '', stderr: '' })
      }
    }
    if (ctx.check) return { status: 'skipped', msg: 'script is not run in check mode', data: {} }
    const remote = `/tmp/.tsplay-script-${randomBytes(6).toString('hex')}`
    await ctx.conn.put(readLocal(local), remote, { mode: '0700', become: ctx.become })
    const run = a.executable ? `${quote(a.executable)} ${quote(remote)}` : quote(remote)
    const line = `${run} ${quoteArgv(args)}; rc=$?; rm -f -- ${quote(remote)}; exit $rc`
    return execLine(ctx, line, { ...a, creates: undefined, removes: undefined }, a.cmd)
  },
})
