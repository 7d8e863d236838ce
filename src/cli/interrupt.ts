// SIGINT and SIGTERM during a run. The first one stops the run cleanly: nothing new starts, the commands
// in flight are stopped on their hosts (executor/run-state.ts → Connection.interrupt), and the run ends
// as usual: recap, --json, --junit, retry file. The exit code is then 130 (SIGINT) or 143 (SIGTERM). A
// second signal exits at once (child processes such as ProxyCommand relays are ended on the way out).

const CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 }

export interface Interrupt {
  /** Aborted by the first signal; its reason is the signal's name. */
  readonly signal: AbortSignal
  /** The exit code the received signal asks for, or undefined. */
  exitCode(): number | undefined
  /** Removes the handlers (the run is over). */
  uninstall(): void
}

export function installInterrupt(): Interrupt {
  const controller = new AbortController()
  let received: string | undefined
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      process.stderr.write(`\ntsplay: ${signal} again: exiting now\n`)
      process.exit(CODES[received])
    }
    received = signal
    const again = signal === 'SIGINT' ? 'Ctrl-C' : signal
    process.stderr.write(`\ntsplay: ${signal} received: stopping (no new tasks; running commands are being stopped). ${again} again to exit at once.\n`)
    controller.abort(signal)
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return {
    signal: controller.signal,
    exitCode: () => (received ? CODES[received] : undefined),
    uninstall() {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    },
  }
}
