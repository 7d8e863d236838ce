// Reporter output leaves in one write per event-loop turn: at 200 hosts a task ends with 200 result
// lines, and a write each is a syscall for tsplay and a wake-up for whatever reads the pipe or terminal.
// Pending text keeps the loop alive, so it is written before the process exits; flush() writes it now
// (before other output on the terminal, and at the end of a run, so main() returns with it written).
export interface BatchedWriter {
  write(text: string): void
  flush(): void
}

export function batchedWrite(stream: NodeJS.WritableStream): BatchedWriter {
  let pending: string[] = []
  const flush = () => {
    if (pending.length === 0) return
    const out = pending.join('')
    pending = []
    stream.write(out)
  }
  return {
    write(text) {
      if (pending.length === 0) setImmediate(flush)
      pending.push(text)
    },
    flush,
  }
}

let stdout: BatchedWriter | undefined

/** The one batched writer of process.stdout, shared so that an error report can flush it first. */
export function batchedStdout(): BatchedWriter {
  return (stdout ??= batchedWrite(process.stdout))
}

/** Writes what reporters still hold for stdout: before anything else reaches the terminal. */
export function flushStdout(): void {
  stdout?.flush()
}
