// cwd and env become part of the command line: sshd ignores env requests unless AcceptEnv allows them.
import { quote } from '../util/shell-quote.js'
import type { RunOptions, RunResult } from './types.js'

/**
 * A NUL byte in a command line: refused, never stripped. No quoting carries one (the shell drops it, execve
 * ends the string there), so every command is checked as it is composed; module arguments are checked
 * before that, by name (modules/lib/arg-spec.ts).
 */
export class NulByteError extends Error {
  constructor(value: string) {
    const at = value.indexOf('\0')
    super(`a NUL byte cannot be passed to the shell (embedded null byte at offset ${at} of ${JSON.stringify(value.slice(Math.max(0, at - 40), at + 40))})`)
  }
}

export function composeCommand(command: string, options: Pick<RunOptions, 'cwd' | 'env'> = {}): string {
  const lines: string[] = []
  if (options.cwd) lines.push(`cd ${quote(options.cwd)} || exit 1`)
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`invalid environment variable name: ${key}`)
    lines.push(`export ${key}=${quote(value)}`)
  }
  lines.push(command)
  const line = lines.join('\n')
  if (line.includes('\0')) throw new NulByteError(line) // sh would run the command without it
  return line
}

/** The command with its `lib` defined first, for a shell that does not keep definitions (exec, become, local). */
export function inlineLib(command: string, options: Pick<RunOptions, 'lib'> = {}): string {
  return options.lib ? `${options.lib}\n${command}` : command
}

export function toBuffer(stdin: string | Buffer | undefined): Buffer | undefined {
  return stdin === undefined ? undefined : Buffer.isBuffer(stdin) ? stdin : Buffer.from(stdin, 'utf8')
}

export const TIMEOUT_RC = 124 // as coreutils timeout(1)

export function timedOut(result: Omit<RunResult, 'rc'>, timeoutMs: number): RunResult {
  const note = `tsplay: command timed out after ${timeoutMs / 1000}s`
  return { rc: TIMEOUT_RC, stdout: result.stdout, stderr: result.stderr ? `${result.stderr}\n${note}` : note }
}
