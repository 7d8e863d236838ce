// Stopping commands on a host (the run interrupted, an exec timeout). sshd's `signal` channel request
// would be the obvious way, but sshd refuses it for root logins ("session signalling requires privilege
// separation": root sessions have no privilege-separated child). So every channel tsplay opens starts by
// printing its shell's pid — sshd made that shell the leader of a session and process group holding the
// command and all it starts — and a stop is `kill` of those groups, run on a channel of its own: TERM first,
// so our scripts' traps remove their temp files (remote-temp.ts), KILL after a grace for what ignores it.

export const STOP_GRACE_MS = 2_000

/** Prefix of an exec line: the shell prints its pid on the first line of stdout, then runs the command. */
export const PID_PREFIX = `printf 'TSPLAY-PID %s\\n' "$$"; `

/** sh that signals the process groups led by `pids` (missing ones are fine: they ended). */
export function killLine(pids: number[], signal: 'TERM' | 'KILL'): string {
  return `kill -${signal} -- ${pids.map((p) => `-${p}`).join(' ')} 2>/dev/null; true`
}

/**
 * Reads the pid line off the start of a channel's stdout; `take(chunk)` returns what follows it (the
 * command's own output) and calls `onPid` once the line is complete.
 */
export class PidReader {
  private head: Buffer | undefined = Buffer.alloc(0)
  pid?: number

  constructor(private readonly onPid: (pid: number) => void = () => {}) {}

  take(chunk: Buffer): Buffer {
    if (this.head === undefined) return chunk
    const data = Buffer.concat([this.head, chunk])
    const nl = data.indexOf(10)
    if (nl < 0) {
      this.head = data
      return Buffer.alloc(0)
    }
    this.head = undefined
    const m = /^TSPLAY-PID (\d+)$/.exec(data.subarray(0, nl).toString())
    if (!m) return data // not ours (a login shell that prints first): leave it, no pid known
    this.pid = Number(m[1])
    this.onPid(this.pid)
    return data.subarray(nl + 1)
  }
}
