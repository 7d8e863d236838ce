// A host over SSH: one ssh2 connection for the whole run (opened lazily, paced by the pool), commands on
// persistent shells, exec channels when stdin must be streamed. Never more open channels than MaxSessions.
import type { Client } from 'ssh2'
import { UnreachableError } from '../errors.js'
import { BecomeError, becomeFailure, scrub, wrapBecome } from './become.js'
import { composeCommand, toBuffer } from './compose.js'
import { runExec } from './exec-channel.js'
import { putScript, getScript } from './transfer.js'
import { HEREDOC_LIMIT, ShellSession } from './shell-session.js'
import { Semaphore } from './semaphore.js'
import type { BecomeOptions, Connection, PutOptions, RunOptions, RunResult } from './types.js'

export interface SshConnectionOptions {
  maxSessions?: number // sshd's MaxSessions (default 10)
  maxShells?: number // persistent shells kept per host (default 2)
  channel?: 'shell' | 'exec' // 'exec': one exec channel per command (the bench's comparison point)
  /** -vvv: connection details for the reporter (never secrets). */
  trace?: (host: string, message: string) => void
}

export class SshConnection implements Connection {
  private client?: Promise<Client>
  private opening?: AbortController // abandons a handshake still in progress (close, reset)
  private lost?: UnreachableError
  private readonly channels: Semaphore
  private readonly idle: ShellSession[] = []
  private shells = 0
  private readonly maxShells: number
  private readonly alwaysExec: boolean
  private generation = 0 // bumped by reset(): events of a dropped client must not mark the new one lost

  private readonly traced = new Set<string>() // become settings already shown with -vvv

  constructor(
    readonly host: string,
    private readonly open: (signal: AbortSignal) => Promise<Client>,
    private readonly options: SshConnectionOptions = {},
  ) {
    this.channels = new Semaphore(options.maxSessions ?? 10)
    this.maxShells = Math.min(options.maxShells ?? 2, (options.maxSessions ?? 10) - 1)
    this.alwaysExec = options.channel === 'exec'
  }

  /** Connects if not yet connected; rejects with UnreachableError. */
  connect(): Promise<Client> {
    if (this.lost) return Promise.reject(this.lost)
    if (this.client) return this.client
    const generation = this.generation
    this.opening = new AbortController()
    this.client = this.open(this.opening.signal).then((c) => {
      c.on('close', () => {
        if (generation === this.generation) this.lost ??= new UnreachableError(this.host, `connection to ${this.host} lost`)
      })
      c.on('error', (e: Error) => {
        if (generation === this.generation) this.lost ??= new UnreachableError(this.host, `connection to ${this.host} lost: ${e.message}`)
      })
      return c
    })
    return this.client
  }

  async run(command: string, options: RunOptions = {}): Promise<RunResult> {
    const client = await this.connect()
    const line = composeCommand(command, options)
    const stdin = toBuffer(options.stdin)
    const become = options.become
    if (become && this.options.trace) this.traceBecome(become)
    const interactive = become && (become.password !== undefined || become.method === 'su')
    const exec = () =>
      this.channels.use(() => runExec(client, { host: this.host, line, stdin, become, timeoutMs: options.timeoutMs }))
    try {
      // Exec channels stream stdin and can be killed. A password handshake always takes one: in the
      // persistent shell, sudo -S could read the rest of a command frame still in the pipe as the
      // password (seen under load as a second prompt); an exec channel's stdin carries nothing else.
      const streamed = options.timeoutMs || (stdin && stdin.length > HEREDOC_LIMIT) || interactive
      if (this.alwaysExec || streamed) return await exec()
      const shell = await this.takeShell(client)
      if (!shell) return await exec() // every shell busy: concurrent commands on one host
      return await this.runInShell(shell, line, stdin, become)
    } catch (e) {
      if (e instanceof BecomeError) throw e
      // a channel dying with the connection: ssh2 reports the channel first, the client's close after
      if (!this.lost) await new Promise((r) => setTimeout(r, 50))
      if (this.lost) throw this.lost
      throw e
    }
  }

  private traceBecome(become: BecomeOptions): void {
    const key = `${become.method}|${become.user}|${become.password !== undefined}|${become.flags ?? ''}`
    if (this.traced.has(key)) return
    this.traced.add(key)
    const flags = become.flags ? ` with flags '${become.flags}'` : ''
    this.options.trace!(this.host, `become: ${become.method} to ${become.user}${flags}, ${become.password !== undefined ? 'with a password (sent on stdin)' : 'without a password'}`)
  }

  private async runInShell(shell: ShellSession, line: string, stdin: Buffer | undefined, become?: BecomeOptions): Promise<RunResult> {
    const wrap = become ? wrapBecome(line, become) : undefined
    try {
      const result = await shell.run(wrap?.line ?? line, { stdin })
      if (!wrap || !become) return result
      const at = result.stderr.indexOf(`${wrap.marker}\n`)
      if (at < 0) throw becomeFailure(this.host, become, result.stderr)
      return { ...result, stderr: scrub(result.stderr.slice(at + wrap.marker.length + 1), become.password) }
    } finally {
      this.releaseShell(shell)
    }
  }

  private async takeShell(client: Client): Promise<ShellSession | undefined> {
    while (this.idle.length) {
      const shell = this.idle.pop()!
      if (shell.alive) return shell
      this.dropShell()
    }
    if (this.shells >= this.maxShells) return undefined
    this.shells++
    await this.channels.acquire()
    try {
      return await ShellSession.open(client)
    } catch (e) {
      this.dropShell()
      throw e
    }
  }

  private releaseShell(shell: ShellSession): void {
    if (shell.alive) this.idle.push(shell)
    else this.dropShell()
  }

  private dropShell(): void {
    this.shells--
    this.channels.release()
  }

  async put(content: string | Buffer, remotePath: string, options: PutOptions = {}): Promise<void> {
    const result = await this.run(putScript(remotePath, Buffer.byteLength(content), options), {
      stdin: content,
      become: options.become,
    })
    if (result.rc !== 0) throw new Error(`put ${remotePath} on ${this.host}: ${result.stderr.trim()}`)
  }

  async get(remotePath: string, options: { become?: BecomeOptions } = {}): Promise<Buffer> {
    const result = await this.run(getScript(remotePath), { become: options.become })
    if (result.rc !== 0) throw new Error(`get ${remotePath} on ${this.host}: ${result.stderr.trim()}`)
    return Buffer.from(result.stdout, 'base64')
  }

  async reset(): Promise<void> {
    this.generation++
    for (const s of this.idle.splice(0)) {
      s.close()
      this.dropShell()
    }
    const client = this.client
    this.client = undefined
    this.lost = undefined
    this.opening?.abort() // a handshake still in progress is abandoned
    client?.then((c) => c.end(), () => undefined)
  }

  async close(): Promise<void> {
    for (const s of this.idle.splice(0)) s.close()
    const client = this.client
    this.client = undefined
    this.lost ??= new UnreachableError(this.host, `connection to ${this.host} was closed`)
    this.opening?.abort() // a handshake still in progress (a prewarmed host the run never used) stops at once
    if (client) (await client.catch(() => undefined))?.end()
  }
}
