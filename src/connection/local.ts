// ansible_connection=local: the controller itself, through /bin/sh. Same contract as SSH, same become.
import { spawn } from 'node:child_process'
import { StringDecoder } from 'node:string_decoder'
import { InterruptedError } from '../errors.js'
import { STOP_GRACE_MS } from './remote-stop.js'
import type { BecomeOptions, Connection, PutOptions, RunOptions, RunResult } from './types.js'
import { BecomeHandshake, scrub, wrapBecome } from './become.js'
import { composeCommand, inlineLib, timedOut, toBuffer } from './compose.js'
import { getScript, putScript } from './transfer.js'

/** Signals a command's whole process group (spawned detached: its own group). */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}

export class LocalConnection implements Connection {
  private readonly running = new Set<number>()
  private interrupted?: InterruptedError

  constructor(readonly host = 'localhost') {}

  /** TERM to every running command's process group, KILL after the grace; later runs are refused. */
  interrupt(signal: string): void {
    if (this.interrupted) return
    this.interrupted = new InterruptedError(signal)
    const pids = [...this.running]
    for (const pid of pids) signalGroup(pid, 'SIGTERM')
    setTimeout(() => pids.forEach((pid) => signalGroup(pid, 'SIGKILL')), STOP_GRACE_MS).unref()
  }

  run(command: string, options: RunOptions = {}): Promise<RunResult> {
    if (this.interrupted) return Promise.reject(this.interrupted)
    const become = options.become
    const composed = composeCommand(inlineLib(command, options), { env: options.env })
    const wrap = become ? wrapBecome(composed, become) : undefined
    const stdin = toBuffer(options.stdin)
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', wrap?.line ?? composed], {
        cwd: options.cwd,
        env: process.env,
        detached: true, // own process group: a timeout kills the whole command, not just /bin/sh
      })
      if (child.pid !== undefined) this.running.add(child.pid)
      const out: Buffer[] = []
      const err = new StringDecoder('utf8')
      let stderr = ''
      let expired = false
      const timer = options.timeoutMs
        ? setTimeout(() => {
            expired = true
            try {
              process.kill(-child.pid!, 'SIGKILL')
            } catch {
              child.kill('SIGKILL')
            }
          }, options.timeoutMs)
        : undefined
      const handshake =
        become && wrap
          ? new BecomeHandshake(this.host, become, wrap, (pw) => child.stdin.write(pw), () => child.stdin.end())
          : undefined
      const start = () => child.stdin.end(stdin ?? '')
      if (handshake) handshake.ready.then(start, () => {})
      else start()
      child.stdin.on('error', () => {}) // the command may exit without reading its stdin
      child.stdout.on('data', (b: Buffer) => out.push(b))
      child.stderr.on('data', (b: Buffer) => {
        const text = err.write(b)
        stderr += handshake ? handshake.onStderr(text) : text
      })
      child.on('error', reject)
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        if (child.pid !== undefined) this.running.delete(child.pid)
        if (this.interrupted) return reject(this.interrupted)
        stderr += err.end()
        const failure = handshake?.exit()
        if (failure && !expired) return reject(failure)
        const secret = become?.password
        const result = {
          rc: code ?? (signal ? 128 + 9 : 1),
          stdout: scrub(Buffer.concat(out).toString('utf8'), secret),
          stderr: scrub(stderr, secret),
        }
        resolve(expired ? timedOut(result, options.timeoutMs!) : result)
      })
    })
  }

  async put(content: string | Buffer, remotePath: string, options: PutOptions = {}): Promise<void> {
    const script = putScript(remotePath, Buffer.byteLength(content), options)
    const result = await this.run(script, { stdin: content, become: options.become })
    if (result.rc !== 0) throw new Error(`put ${remotePath}: ${result.stderr.trim()}`)
  }

  async get(remotePath: string, options: { become?: BecomeOptions } = {}): Promise<Buffer> {
    const result = await this.run(getScript(remotePath), { become: options.become })
    if (result.rc !== 0) throw new Error(`get ${remotePath}: ${result.stderr.trim()}`)
    return Buffer.from(result.stdout, 'base64')
  }

  async close(): Promise<void> {}
}
