// A host over SSH: one ssh2 connection for the whole run (opened lazily, paced by the pool), commands on
// persistent shells, exec channels when stdin must be streamed. Never more open channels than MaxSessions.
import type { Client } from 'ssh2'
import { InterruptedError, UnreachableError } from '../errors.js'
import { BecomeError, becomeFailure, scrub, wrapBecome } from './become.js'
import { composeCommand, inlineLib, toBuffer } from './compose.js'
import { runExec, type RunningCommand } from './exec-channel.js'
import { STOP_GRACE_MS, killLine } from './remote-stop.js'
import { putScript, getScript } from './transfer.js'
import { HEREDOC_LIMIT, ShellSession } from './shell-session.js'
import { Semaphore } from './semaphore.js'
import type { BecomeOptions, Connection, PutOptions, RunOptions, RunResult } from './types.js'

export interface SshConnectionOptions {
  maxSessions?: number // sshd's MaxSessions (default 10)
  maxShells?: number // persistent shells kept per host (default 2)
  channel?: 'shell' | 'exec' // 'exec': one exec channel per command (the bench's comparison point)
  /** The connection's dead-peer detection, to say why it was lost. */
  keepalive?: { intervalMs: number; countMax: number }
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
  private interrupted?: InterruptedError
  private readonly busy = new Set<ShellSession>() // shells running a command
  private readonly running = new Set<RunningCommand>() // exec channels running a command

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
        if (generation === this.generation) this.lost ??= new UnreachableError(this.host, `connection to ${this.host} lost: ${this.why(e)}`)
      })
      return c
    })
    return this.client
  }

  private why(e: Error): string {
    const ka = this.options.keepalive
    if (!/keepalive timeout/i.test(e.message) || !ka) return e.message
    const every = `${ka.intervalMs / 1000}s`
    return `no answer to ${ka.countMax} keepalives sent ${every} apart (ServerAliveInterval ${every}, ServerAliveCountMax ${ka.countMax})`
  }

  /**
   * Seconds without data after which a transfer streamed to the host gives up on its own (remote-temp.ts'
   * tp_recv): what this side takes to call the host lost, so a cut leaves no process waiting there.
   */
  private idleSeconds(): number {
    const ka = this.options.keepalive
    return ka && ka.intervalMs > 0 ? Math.max(2, Math.ceil((ka.intervalMs * (ka.countMax + 1)) / 1000)) : 60
  }

  interrupt(signal: string): void {
    if (this.interrupted) return
    this.interrupted = new InterruptedError(signal)
    this.opening?.abort() // a handshake in progress stops at once
    void this.stopRunning()
  }

  /** The process groups of the commands running now (remote-stop.ts). */
  private runningPids(): number[] {
    const pids = [...this.busy].map((s) => s.busyPid)
    for (const c of this.running) pids.push(c.pid)
    return pids.filter((p): p is number => p !== undefined)
  }

  /** TERM to every running command's process group; KILL after the grace; then stop waiting for them. */
  private async stopRunning(): Promise<void> {
    const client = await this.client?.catch(() => undefined)
    const pids = this.runningPids()
    if (!client || !pids.length) return
    await this.killOnHost(client, pids, 'TERM')
    setTimeout(() => {
      const left = this.runningPids().filter((p) => pids.includes(p))
      const channels = [...this.busy, ...this.running]
      const done = () => channels.forEach((c) => c.close())
      if (left.length) void this.killOnHost(client, left, 'KILL').finally(done)
      else done()
    }, STOP_GRACE_MS).unref()
  }

  private async killOnHost(client: Client, pids: number[], signal: 'TERM' | 'KILL'): Promise<void> {
    await runExec(client, { host: this.host, line: killLine(pids, signal) }).catch(() => undefined)
  }

  async run(command: string, options: RunOptions = {}): Promise<RunResult> {
    if (this.interrupted) throw this.interrupted
    const client = await this.connect().catch((e) => {
      throw this.interrupted ?? e
    })
    if (this.interrupted) throw this.interrupted
    const stdin = toBuffer(options.stdin)
    const become = options.become
    if (become && this.options.trace) this.traceBecome(become)
    const interactive = become && (become.password !== undefined || become.method === 'su')
    // Exec channels stream stdin and can be killed. A password handshake always takes one: in the
    // persistent shell, sudo -S could read the rest of a command frame still in the pipe as the
    // password (seen under load as a second prompt); an exec channel's stdin carries nothing else.
    const streamed = options.timeoutMs || (stdin && stdin.length > HEREDOC_LIMIT) || interactive
    const env = streamed && stdin?.length ? { TP_IDLE: String(this.idleSeconds()), ...options.env } : options.env
    // the lib is defined once in a persistent shell; a command run by sudo/su or on its own channel is a
    // new shell, so there it comes with the command
    const line = composeCommand(command, { ...options, env })
    const inlined = options.lib ? composeCommand(inlineLib(command, options), { ...options, env }) : line
    const kill = (pid: number) => void this.killOnHost(client, [pid], 'KILL')
    const exec = () =>
      this.channels.use(async () => {
        if (this.interrupted) throw this.interrupted // queued behind MaxSessions when the run stopped
        return runExec(client, { host: this.host, line: inlined, stdin, become, timeoutMs: options.timeoutMs, running: this.running, kill })
      })
    try {
      if (this.alwaysExec || streamed) return await exec()
      const shell = await this.takeShell(client)
      if (!shell) return await exec() // every shell busy: concurrent commands on one host
      return await this.runInShell(shell, become ? inlined : line, stdin, become, become ? undefined : options.lib)
    } catch (e) {
      if (this.interrupted) throw this.interrupted
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

  private async runInShell(shell: ShellSession, line: string, stdin: Buffer | undefined, become?: BecomeOptions, lib?: string): Promise<RunResult> {
    const wrap = become ? wrapBecome(line, become) : undefined
    this.busy.add(shell)
    try {
      if (this.interrupted) throw this.interrupted
      const result = await shell.run(wrap?.line ?? line, { stdin, lib })
      if (!wrap || !become) return result
      const at = result.stderr.indexOf(`${wrap.marker}\n`)
      if (at < 0) throw becomeFailure(this.host, become, result.stderr)
      return { ...result, stderr: scrub(result.stderr.slice(at + wrap.marker.length + 1), become.password) }
    } finally {
      this.busy.delete(shell)
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
