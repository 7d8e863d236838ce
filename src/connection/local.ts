// ansible_connection=local: the controller itself, through /bin/sh. Same contract as SSH, same become.
import { spawn } from 'node:child_process'
import { StringDecoder } from 'node:string_decoder'
import type { BecomeOptions, Connection, PutOptions, RunOptions, RunResult } from './types.js'
import { BecomeHandshake, scrub, wrapBecome } from './become.js'
import { composeCommand, timedOut, toBuffer } from './compose.js'
import { getScript, putScript } from './transfer.js'

export class LocalConnection implements Connection {
  constructor(readonly host = 'localhost') {}

  run(command: string, options: RunOptions = {}): Promise<RunResult> {
    const become = options.become
    const composed = composeCommand(command, { env: options.env })
    const wrap = become ? wrapBecome(composed, become) : undefined
    const stdin = toBuffer(options.stdin)
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', wrap?.line ?? composed], {
        cwd: options.cwd,
        env: process.env,
        detached: true, // own process group: a timeout kills the whole command, not just /bin/sh
      })
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
