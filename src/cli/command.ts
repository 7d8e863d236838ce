// The shape of one CLI verb. Verbs are loaded lazily so `tsplay --version` stays fast.
import type { OptionSpec, ParsedArgs } from './args.js'

export interface Command {
  name: string
  summary: string
  usage: string // e.g. 'tsplay run PLAYBOOK... [options]'
  options: OptionSpec[]
  /** Returns the process exit code. */
  run(args: ParsedArgs): Promise<number>
}

export function defineCommand(command: Command): Command {
  return command
}
