// Every error tsplay raises on purpose. The code says what kind; the CLI maps kinds to exit codes.

export type ErrorCode =
  | 'USAGE' // bad command line: exit 2
  | 'CONFIG' // bad input before running (playbook, inventory, vars): exit 1
  | 'UNREACHABLE' // could not reach or authenticate to a host
  | 'MODULE' // a module failed on a host
  | 'LAB' // lab host management failed
  | 'VAULT' // vault password or data is wrong
  | 'INTERRUPTED' // SIGINT/SIGTERM: a command was stopped, or not started

export interface SourcePosition {
  file: string
  line?: number // 1-based
  column?: number // 1-based
}

export class TsplayError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly position?: SourcePosition,
    readonly hint?: string,
  ) {
    super(message)
    this.name = new.target.name
  }

  /** One line for humans: `file:line:col: message (hint)`. */
  describe(): string {
    const where = this.position ? `${formatPosition(this.position)}: ` : ''
    const hint = this.hint ? ` (${this.hint})` : ''
    return `${where}${this.message}${hint}`
  }
}

export class UsageError extends TsplayError {
  constructor(message: string, hint?: string) {
    super('USAGE', message, undefined, hint)
  }
}

export class ConfigError extends TsplayError {
  constructor(message: string, position?: SourcePosition, hint?: string) {
    super('CONFIG', message, position, hint)
  }
}

export class UnreachableError extends TsplayError {
  constructor(
    readonly host: string,
    reason: string,
  ) {
    super('UNREACHABLE', reason)
  }
}

/** The run was stopped by a signal: the command in flight was stopped on the host (or never started). */
export class InterruptedError extends TsplayError {
  constructor(readonly signal: string) {
    super('INTERRUPTED', `interrupted by ${signal}: the command was stopped`)
  }
}

export class ModuleError extends TsplayError {
  constructor(message: string, hint?: string, position?: SourcePosition) {
    super('MODULE', message, position, hint)
  }
}

export class LabError extends TsplayError {
  constructor(message: string, hint?: string) {
    super('LAB', message, undefined, hint)
  }
}

export class VaultError extends TsplayError {
  constructor(message: string, position?: SourcePosition, hint?: string) {
    super('VAULT', message, position, hint)
  }
}

/**
 * A template failed to parse or render: bad syntax, an undefined variable, a helper given bad input.
 * A ConfigError (bad input, exit 1) at load time; at run time the executor fails the host's task with it.
 */
export class TemplateError extends ConfigError {
  constructor(
    message: string,
    position?: SourcePosition,
    hint?: string,
    /** The undefined variable's dotted path, when that is the cause. */
    readonly variable?: string,
  ) {
    super(message, position, hint)
  }
}

export function formatPosition(p: SourcePosition): string {
  if (p.line === undefined) return p.file
  return p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`
}
