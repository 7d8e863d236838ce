// Hidden password prompts on the controlling terminal (like getpass: /dev/tty, so stdin stays free for
// `encrypt_string` input). The line reader takes any stream so it can be tested without a terminal.
import { openSync, closeSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import { VaultError } from '../errors.js'

// node:tty by require, not import(): the bundle runs from a vm.Script, which has no dynamic import
const require = createRequire(import.meta.url)

export interface PromptOptions {
  echo?: boolean
  /** What is asked for and how else to give it, for the error when there is no terminal (default: the vault password). */
  noTerminal?: { what: string; hint: string }
}

export type PromptFn = (question: string, options?: PromptOptions) => Promise<string>

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }

/** Reads one line, without echo unless asked. Ctrl-C and Ctrl-D (EOF) are errors, as in getpass. */
export function readLine(input: Input, output: Writable, question: string, echo = false): Promise<string> {
  // echo off before the question shows: an answer typed (or pasted) at once is not echoed either
  const raw = input.isTTY === true && typeof input.setRawMode === 'function'
  if (raw) input.setRawMode!(true)
  output.write(question)
  return new Promise<string>((resolve, reject) => {
    let line = ''
    const finish = (error?: Error) => {
      input.removeListener('data', onData)
      input.removeListener('end', onEnd)
      if (raw) input.setRawMode!(false)
      input.pause()
      output.write('\n')
      if (error) reject(error)
      else resolve(line)
    }
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish()
        if (ch === '\u0003') return finish(new VaultError('password prompt interrupted (ctrl-c)'))
        if (ch === '\u0004') return finish(new VaultError('EOF (ctrl-d) at the password prompt'))
        if (ch === '\u007f' || ch === '\b') {
          if (echo && line !== '') output.write('\b \b')
          line = line.slice(0, -1)
        } else {
          line += ch
          if (echo) output.write(ch)
        }
      }
    }
    const onEnd = () => finish(line === '' ? new VaultError('EOF at the password prompt') : undefined)
    input.on('data', onData)
    input.on('end', onEnd)
    input.resume()
  })
}

/** Whether this process has a controlling terminal to ask on. */
export function hasTerminal(): boolean {
  try {
    closeSync(openSync('/dev/tty', 'r+'))
    return true
  } catch {
    return false
  }
}

/** Prompts on /dev/tty; a clear error when there is no terminal (cron, CI) instead of a hang. */
export const promptOnTerminal: PromptFn = async (question, options = {}) => {
  let fd: number
  try {
    fd = openSync('/dev/tty', 'r+')
  } catch {
    const { what, hint } = options.noTerminal ?? { what: 'a vault password', hint: 'give it with --vault-password-file FILE or --vault-id LABEL@FILE' }
    throw new VaultError(`${what} is needed but there is no terminal to ask on`, undefined, hint)
  }
  const { ReadStream, WriteStream } = require('node:tty') as typeof import('node:tty') // loaded when a prompt is shown: most runs never ask
  const input = new ReadStream(fd)
  const output = new WriteStream(fd)
  try {
    return await readLine(input, output, question, options.echo)
  } finally {
    input.destroy()
    output.destroy()
    try {
      closeSync(fd)
    } catch {
      // already closed by the streams
    }
  }
}
