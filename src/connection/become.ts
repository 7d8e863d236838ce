// sudo / su for every connection. The password is never in argv: it is written to the process's stdin
// only after sudo/su prompts for it, and the command's own stdin starts only after a marker printed by
// the target user's shell — so a wrong password can never eat the command's input, and a sudo that needs
// no password never hands the password to the command.
import { randomBytes } from 'node:crypto'
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { shlexSplit } from '../util/shlex.js'
import type { BecomeOptions } from './types.js'

export class BecomeError extends ModuleError {
  constructor(
    readonly host: string,
    message: string,
    hint?: string,
  ) {
    super(message, hint)
  }
}

export interface BecomeWrap {
  line: string
  prompt: string
  marker: string
}

/**
 * Wraps a composed command line so it runs as `become.user`. `stdinNull`: the command's stdin is
 * /dev/null while sudo/su read the password from the shell's own (the persistent shell's channel).
 */
export function wrapBecome(command: string, become: BecomeOptions, { stdinNull = false } = {}): BecomeWrap {
  const nonce = randomBytes(8).toString('hex')
  const prompt = `[tsplay-become-${nonce}]`
  const marker = `TSPLAY-BECOME-OK-${nonce}`
  const inner = `printf '%s\\n' ${marker} >&2; exec /bin/sh -c ${quote(command)}${stdinNull ? ' </dev/null' : ''}`
  const flags = become.flags ? ` ${quoteArgv(shlexSplit(become.flags))}` : '' // each flag one word, never shell syntax
  const line =
    become.method === 'su'
      ? `su -s /bin/sh${flags} -c ${quote(inner)} ${quote(become.user)}`
      : become.password === undefined
        ? `sudo -H -n${flags} -u ${quote(become.user)} /bin/sh -c ${quote(inner)}`
        : `sudo -H -S -p ${quote(prompt)}${flags} -u ${quote(become.user)} /bin/sh -c ${quote(inner)}`
  return { line, prompt, marker }
}

/** Replaces every occurrence of the secret: defence in depth for anything that echoes input. */
export function scrub(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('********') : text
}

const WRONG = /Sorry, try again|incorrect password|Authentication failure|authentication failure/i
const REQUIRED = /a password is required|no password was provided/i

/** Why become failed, from what sudo/su printed before the marker. */
export function becomeFailure(host: string, become: BecomeOptions, before: string): BecomeError {
  const who = `${become.method} to ${become.user}`
  const text = scrub(before, become.password)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ')
  if (WRONG.test(before) && become.password !== undefined)
    return new BecomeError(host, `${who} failed: incorrect become password`, 'check -K / ansible_become_password')
  if (REQUIRED.test(before) || (become.password === undefined && /assword/.test(before)))
    return new BecomeError(host, `${who} failed: a password is required`, 'give it with -K or ansible_become_password')
  return new BecomeError(host, `${who} failed: ${text || 'no output'}`)
}

/**
 * Drives the become handshake over a process's stderr/stdin. Feed every stderr chunk to `onStderr`;
 * it returns the part that belongs to the command. `ready` resolves once the marker is seen.
 */
export class BecomeHandshake {
  private before = ''
  private promptsSeen = 0
  private done = false
  readonly ready: Promise<void>
  private resolveReady!: () => void
  private rejectReady!: (e: BecomeError) => void

  constructor(
    private readonly host: string,
    private readonly become: BecomeOptions,
    private readonly wrap: BecomeWrap,
    private readonly writePassword: (data: string) => void,
    private readonly abort: () => void,
  ) {
    this.ready = new Promise((res, rej) => {
      this.resolveReady = res
      this.rejectReady = rej
    })
    this.ready.catch(() => {}) // observed by the caller through exit()
  }

  onStderr(chunk: string): string {
    if (this.done) return chunk
    this.before += chunk
    const at = this.before.indexOf(`${this.wrap.marker}\n`)
    if (at >= 0) {
      this.done = true
      const rest = this.before.slice(at + this.wrap.marker.length + 1)
      this.resolveReady()
      return rest
    }
    const prompts = this.countPrompts()
    if (prompts > this.promptsSeen) {
      this.promptsSeen = prompts
      if (prompts > 1 || this.become.password === undefined) return this.fail(), ''
      this.writePassword(`${this.become.password}\n`)
    } else if (WRONG.test(this.before)) this.fail()
    return ''
  }

  /** The process ended: if the marker never came, become failed. */
  exit(): BecomeError | undefined {
    if (this.done) return undefined
    this.done = true
    const error = becomeFailure(this.host, this.become, this.before)
    this.rejectReady(error)
    return error
  }

  private countPrompts(): number {
    if (this.become.method === 'sudo') return this.before.split(this.wrap.prompt).length - 1
    return (this.before.match(/(^|\n)[^\n]*assword[^\n]*: ?$/g) ?? []).length // su's localized "Password: "
  }

  private fail(): void {
    this.abort()
  }
}
