// One long-lived `/bin/sh` per channel, fed framed commands: ~0.15 ms per command on a lab host
// against ~3.7 ms for an exec channel each (bench/transport.ts). Each command runs in a subshell with
// its stdin from /dev/null or a here-document, then prints a per-session random marker with its exit
// code on stdout and the marker alone on stderr; output before the markers belongs to the command.
import { randomBytes } from 'node:crypto'
import type { Client, ClientChannel } from 'ssh2'
import { quote } from '../util/shell-quote.js'
import { openExec } from './exec-channel.js'
import { PID_PREFIX, PidReader } from './remote-stop.js'
import type { RunResult } from './types.js'

export const HEREDOC_LIMIT = 1 << 20 // larger stdin is streamed over an exec channel instead

export interface ShellRunOptions {
  stdin?: Buffer
  /** sh definitions for the command: sent to this shell once, in front of the first command needing them. */
  lib?: string
}

interface Pending {
  resolve: (r: RunResult) => void
  reject: (e: Error) => void
}

export class ShellSession {
  private out: Buffer[] = []
  private err: Buffer[] = []
  private pending?: Pending
  private closed = false
  private readonly marker = `TSPLAY-${randomBytes(12).toString('hex')}`
  // a shell lives as long as the run: its buffers are its own, not slices of Node's shared 8 KB pool (a
  // slice keeps the whole pool slab alive: 8 KB per host at a thousand hosts)
  private readonly outMark = own(Buffer.from(`${this.marker}:`))
  private readonly errMark = own(Buffer.from(`${this.marker}\n`))

  private readonly pidLine = new PidReader()
  private readonly libs = new Set<string>() // definitions this shell holds

  private constructor(private readonly ch: ClientChannel) {
    ch.on('data', (b: Buffer) => this.collect(this.out, this.pidLine.take(b)))
    ch.stderr.on('data', (b: Buffer) => this.collect(this.err, b))
    ch.on('close', () => {
      this.closed = true
      this.pending?.reject(new Error('shell channel closed'))
      this.pending = undefined
    })
  }

  static async open(client: Client): Promise<ShellSession> {
    return new ShellSession(await openExec(client, `${PID_PREFIX}exec /bin/sh`))
  }

  get alive(): boolean {
    return !this.closed
  }

  /** The pid of this shell (leader of its process group on the host) while it runs a command. */
  get busyPid(): number | undefined {
    return this.pending && !this.closed ? this.pidLine.pid : undefined
  }

  run(line: string, options: ShellRunOptions = {}): Promise<RunResult> {
    if (this.pending) throw new Error('shell session busy')
    if (this.closed) return Promise.reject(new Error('shell channel closed'))
    const { stdin, lib } = options
    // defined by the shell itself (outside the command's subshell), so every later command has them
    const define = lib && !this.libs.has(lib) ? `${lib}\n` : ''
    if (lib) this.libs.add(lib)
    const input = stdin?.length
      ? `base64 -d <<'${this.marker}' | ( eval ${quote(line)} )\n${stdin.toString('base64').replace(/.{1,76}/g, '$&\n')}${this.marker}\n`
      : `( eval ${quote(line)} ) </dev/null\n`
    const frame = `${define}${input}printf '%s:%d\\n' ${this.marker} $?; printf '%s\\n' ${this.marker} >&2\n`
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject }
      this.ch.write(frame)
    })
  }

  close(): void {
    this.closed = true
    this.ch.close()
  }

  private tails = new Map<Buffer[], Buffer>()

  // Each chunk is searched, and the seam with the chunks before it (their last bytes, kept apart): large
  // outputs stay linear and no chunk is copied.
  private collect(into: Buffer[], chunk: Buffer): void {
    into.push(chunk)
    const mark = into === this.out ? this.outMark : this.errMark
    const keep = mark.length - 1
    const seam = this.tails.get(into)
    const found = chunk.indexOf(mark) >= 0 || (seam !== undefined && Buffer.concat([seam, chunk.subarray(0, keep)]).indexOf(mark) >= 0)
    this.tails.set(into, chunk.length >= keep ? chunk.subarray(chunk.length - keep) : Buffer.concat([seam ?? Buffer.alloc(0), chunk]).subarray(-keep))
    if (found || (into === this.out && this.outSeen)) {
      if (into === this.out) this.outSeen = true
      else this.errSeen = true
      this.settle()
    }
  }

  private outSeen = false
  private errSeen = false

  private settle(): void {
    if (!this.pending || !this.outSeen || !this.errSeen) return
    const out = Buffer.concat(this.out)
    const err = Buffer.concat(this.err)
    const o = out.indexOf(this.outMark)
    const e = err.indexOf(this.errMark)
    const nl = out.indexOf(10, o)
    if (o < 0 || e < 0 || nl < 0) return
    this.outSeen = this.errSeen = false
    this.tails.clear()
    const rc = Number(out.subarray(o + this.outMark.length, nl).toString())
    this.out = nl + 1 < out.length ? [own(out.subarray(nl + 1))] : []
    this.err = e + this.errMark.length < err.length ? [own(err.subarray(e + this.errMark.length))] : []
    const { resolve } = this.pending
    this.pending = undefined
    resolve({ rc, stdout: out.subarray(0, o).toString('utf8'), stderr: err.subarray(0, e).toString('utf8') })
  }
}

/** A copy in memory of its own (Buffer.from and subarray may share a larger allocation). */
function own(b: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(b.length)
  b.copy(copy)
  return copy
}
