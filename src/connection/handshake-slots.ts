// Handshake slots shared by every tsplay process on this controller: sshd drops new connections beyond
// MaxStartups (10:30:100 by default: from 10 unauthenticated connections at once, 30 % of new ones,
// rising), counting all clients. The pool keeps ≤ 8 handshakes per sshd in one process; three runs at once
// made 24 and lost connections. A slot is a file `HOST_PORT.N` created with O_EXCL holding its owner's pid
// and a deadline; a slot whose owner died or whose deadline passed is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where the slot files live: /run/tsplay for root, else the user's runtime dir (or temp dir). */
export function slotDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TSPLAY_HANDSHAKE_DIR) return env.TSPLAY_HANDSHAKE_DIR
  if (process.getuid?.() === 0) return '/run/tsplay/handshakes'
  return join(env.XDG_RUNTIME_DIR || tmpdir(), `tsplay-${process.getuid?.() ?? 'user'}`, 'handshakes')
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export class HandshakeSlots {
  private usable = true

  constructor(
    readonly size: number,
    private readonly dir = slotDir(),
  ) {}

  /** Waits for one of `size` slots of `server` (host:port); resolves with its release. */
  async acquire(server: string, holdMs: number): Promise<() => void> {
    if (!this.usable) return () => {}
    const key = server.replace(/[^A-Za-z0-9._-]/g, '_')
    for (let round = 0; ; round++) {
      for (let i = 0; i < this.size; i++) {
        const file = join(this.dir, `${key}.${i}`)
        const taken = this.take(file, holdMs)
        if (taken === 'taken') return () => this.free(file)
        if (taken === 'unusable') return () => {}
        if (this.stale(file)) i-- // freed: try the same slot again
      }
      await new Promise((r) => setTimeout(r, 5 + Math.random() * Math.min(50, 5 * (round + 1))))
    }
  }

  private take(file: string, holdMs: number): 'taken' | 'busy' | 'unusable' {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, `${process.pid} ${Date.now() + holdMs}\n`)
      closeSync(fd)
      return 'taken'
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'EEXIST') return 'busy'
      if (code === 'ENOENT' && this.makeDir()) return this.take(file, holdMs)
      this.usable = false // no place for slot files (read-only, no permission): pace within this process only
      return 'unusable'
    }
  }

  private makeDir(): boolean {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 })
      return true
    } catch {
      return false
    }
  }

  /** A slot whose owner is gone or whose deadline passed is removed; true if so. */
  private stale(file: string): boolean {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      return true // released meanwhile
    }
    const [pid, deadline] = text.trim().split(' ').map(Number)
    if (text === '' && !this.olderThan(file, 10_000)) return false // its owner is writing it now
    if (Number.isInteger(pid) && alive(pid) && !(deadline < Date.now())) return false
    this.free(file)
    return true
  }

  private olderThan(file: string, ms: number): boolean {
    try {
      return Date.now() - statSync(file).mtimeMs > ms
    } catch {
      return true
    }
  }

  private free(file: string): void {
    try {
      unlinkSync(file)
    } catch {
      // already taken over
    }
  }
}
