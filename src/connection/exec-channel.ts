// One command on its own ssh "exec" channel. Used when stdin must be streamed (become password
// handshake, large input) or a command may need killing; otherwise the persistent shell is faster.
import { StringDecoder } from 'node:string_decoder'
import type { Client, ClientChannel } from 'ssh2'
import { BecomeHandshake, scrub, wrapBecome } from './become.js'
import { timedOut } from './compose.js'
import { PID_PREFIX, PidReader } from './remote-stop.js'
import type { BecomeOptions, RunResult } from './types.js'

export interface ExecRequest {
  host: string
  line: string // already composed (cwd/env)
  stdin?: Buffer
  become?: BecomeOptions
  timeoutMs?: number
  /** Commands running: this one is in it from its channel's opening to its end (for a stop). */
  running?: Set<RunningCommand>
  /** Stops the process group led by `pid` on the host (remote-stop.ts): used when timeoutMs expires. */
  kill?: (pid: number) => void
}

/** A command on an exec channel: its shell's pid (once printed), and a way to stop waiting for it. */
export interface RunningCommand {
  readonly pid?: number
  close(): void
}

/**
 * Opens an exec channel. sshd still counts a session for a moment after both sides sent CHANNEL_CLOSE,
 * so an open right after a close can be refused at MaxSessions: retry those briefly.
 */
export async function openExec(client: Client, line: string): Promise<ClientChannel> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise<ClientChannel>((resolve, reject) =>
        client.exec(line, (err, ch) => (err ? reject(err) : resolve(ch))),
      )
    } catch (e) {
      if (attempt >= 8 || !/open failed/i.test((e as Error).message)) throw e
      await new Promise((r) => setTimeout(r, 5 << attempt))
    }
  }
}

export async function runExec(client: Client, req: ExecRequest): Promise<RunResult> {
  const wrap = req.become ? wrapBecome(req.line, req.become) : undefined
  const ch = await openExec(client, PID_PREFIX + (wrap?.line ?? req.line))
  const pid = new PidReader()
  const self: RunningCommand = { get pid() { return pid.pid }, close: () => ch.close() }
  req.running?.add(self)
  return new Promise((resolve, reject) => {
    const out: Buffer[] = []
    const err = new StringDecoder('utf8')
    let stderr = ''
    let rc = 0
    let timer: NodeJS.Timeout | undefined
    let expired = false
    const handshake =
      req.become && wrap
        ? new BecomeHandshake(req.host, req.become, wrap, (pw) => ch.write(pw), () => ch.end())
        : undefined
    const start = () => ch.end(req.stdin ?? Buffer.alloc(0))
    if (handshake) handshake.ready.then(start, () => {})
    else start()
    if (req.timeoutMs)
      timer = setTimeout(() => {
        expired = true
        if (pid.pid !== undefined) req.kill?.(pid.pid) // the command and all it started
        ch.close()
        finish() // do not wait for sshd: a child may still hold the channel's pipes
      }, req.timeoutMs)
    ch.on('data', (b: Buffer) => out.push(pid.take(b)))
    ch.stderr.on('data', (b: Buffer) => {
      const text = err.write(b)
      stderr += handshake ? handshake.onStderr(text) : text
    })
    let exited = false
    ch.on('exit', (code: number | null, signal?: string) => {
      exited = true
      rc = code ?? (signal ? 128 + 9 : 1)
    })
    let finished = false
    const finish = () => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      req.running?.delete(self)
      stderr += err.end()
      const failure = handshake?.exit()
      if (failure && !expired) return reject(failure)
      // closed with no exit status: the connection went away under the command; never a success
      if (!exited && !expired) return reject(new Error('the channel closed before the command ended'))
      const secret = req.become?.password
      const result = { rc, stdout: scrub(Buffer.concat(out).toString('utf8'), secret), stderr: scrub(stderr, secret) }
      resolve(expired ? timedOut(result, req.timeoutMs!) : result)
    }
    ch.on('close', finish)
  })
}
