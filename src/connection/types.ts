// What modules see of a host. Modules never import ssh2: they get a Connection.

export interface BecomeOptions {
  method: 'sudo' | 'su'
  user: string // target user, 'root' by default
  password?: string // sent over stdin, never in argv or output
  flags?: string
}

export interface RunOptions {
  stdin?: string | Buffer
  env?: Record<string, string>
  cwd?: string
  become?: BecomeOptions
  timeoutMs?: number
  /**
   * sh function definitions the command uses (a constant text, e.g. the modules' snippet prelude). A
   * persistent shell defines it once and keeps it; anything else runs it before the command (inlineLib).
   */
  lib?: string
}

export interface RunResult {
  rc: number
  stdout: string
  stderr: string
}

export interface PutOptions {
  mode?: string // octal, e.g. '0644'
  owner?: string
  group?: string
  become?: BecomeOptions
}

export interface Connection {
  readonly host: string
  /** Runs a POSIX sh command line. Rejects with UnreachableError only when the host cannot be reached. */
  run(command: string, options?: RunOptions): Promise<RunResult>
  /** Writes a file atomically: temp file in the target dir, mode/owner applied, then rename. */
  put(content: string | Buffer, remotePath: string, options?: PutOptions): Promise<void>
  get(remotePath: string, options?: { become?: BecomeOptions }): Promise<Buffer>
  close(): Promise<void>
  /**
   * Drops the transport so the next run() connects afresh (a connection that failed or was lost stays
   * failed until then). wait_for_connection uses it between attempts; connections without one just retry.
   */
  reset?(): Promise<void>
  /**
   * SIGINT/SIGTERM: every command in flight is stopped (TERM to its process group on the host, so its
   * traps remove temp files; KILL after a grace period) and rejects with InterruptedError, as does every
   * later run(). Connections without one just finish what runs.
   */
  interrupt?(signal: string): void
}

/** One hop of a ProxyJump chain, outermost first. */
export interface JumpSpec {
  host: string
  port: number
  user: string
  identityFiles: string[]
}

/** Everything needed to open a connection to one host, resolved from vars, ~/.ssh/config and CLI options. */
export interface ConnectionSpec {
  name: string // inventory hostname
  kind: 'ssh' | 'local'
  host: string // address or DNS name to connect to
  port: number
  user: string
  password?: string
  identityFiles: string[]
  passphrase?: string // for encrypted private keys
  agent?: string // ssh-agent socket (SSH_AUTH_SOCK)
  jumps: JumpSpec[]
  proxyCommand?: string // a ProxyCommand that is not `ssh -W`: run locally, its stdio is the transport
  hostKeyPolicy: 'strict' | 'accept-new' | 'no'
  knownHostsFiles: string[] // the first one receives accepted keys
  connectTimeoutMs: number
  keepaliveIntervalMs: number // 0: no keepalives (ServerAliveInterval 0)
  /** Unanswered keepalives before the connection counts as lost (ServerAliveCountMax). */
  keepaliveCountMax: number
  become?: BecomeOptions // the host's default become (ansible_become*)
  warnings?: string[] // ssh arguments and config tsplay could not honour, for the reporter to show
}
