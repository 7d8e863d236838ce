// One connection per host for the whole run. Handshakes are paced: ≤ 8 unauthenticated connections
// at once per sshd (under its MaxStartups 10:30:100, even when many inventory hosts are one server)
// and ≤ 16 overall (key exchange is CPU-bound on the controller). Jump-host connections are shared by
// every host behind them.
import type { Duplex } from 'node:stream'
import type { Client } from 'ssh2'
import { UnreachableError } from '../errors.js'
import { forwardOut, proxyCommandStream } from './jump.js'
import type { ConnectOptions } from './options.js'
import { Semaphore } from './semaphore.js'
import { connectClient, type ClientSpec } from './ssh-client.js'
import { SshConnection, type SshConnectionOptions } from './ssh.js'
import type { ConnectionSpec, JumpSpec } from './types.js'

export interface PoolOptions extends ConnectOptions, SshConnectionOptions {
  maxHandshakes?: number // in flight overall (default 16)
  maxHandshakesPerServer?: number // in flight per sshd (default 8)
}

// sshd dropping a start under MaxStartups pressure (from other clients): worth another try
const RETRYABLE = /reset by|closed during the handshake|lost before handshake/

export class ConnectionPool {
  private readonly handshakes: Semaphore
  private readonly perServer = new Map<string, Semaphore>()
  private readonly hosts = new Map<string, SshConnection>()
  private readonly hops = new Map<string, Promise<Client>>()

  constructor(readonly options: PoolOptions = {}) {
    this.handshakes = new Semaphore(options.maxHandshakes ?? 16)
  }

  /** Runs `fn` (open the stream + handshake) holding a global and a per-server handshake slot. */
  private paced<T>(host: string, port: number, fn: () => Promise<T>): Promise<T> {
    const key = `${host}:${port}`
    let server = this.perServer.get(key)
    if (!server) {
      server = new Semaphore(this.options.maxHandshakesPerServer ?? 8)
      this.perServer.set(key, server)
    }
    return server.use(() => this.handshakes.use(fn))
  }

  /** The run-long connection for a host (and login user); connecting starts on first use. */
  connection(spec: ConnectionSpec): SshConnection {
    const key = `${spec.name}|${spec.user}@${spec.host}:${spec.port}`
    let conn = this.hosts.get(key)
    if (!conn) {
      conn = new SshConnection(spec.name, (signal) => this.openClient(spec, signal), this.options)
      this.hosts.set(key, conn)
    }
    return conn
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.hosts.values()].map((c) => c.close()))
    this.hosts.clear()
    const hops = [...this.hops.values()]
    this.hops.clear()
    for (const h of hops) (await h.catch(() => undefined))?.end()
  }

  private async openClient(spec: ConnectionSpec, signal?: AbortSignal): Promise<Client> {
    const trace = this.traceFor(spec.name)
    if (spec.jumps.length) trace?.(`through jump host${spec.jumps.length > 1 ? 's' : ''} ${describeJumps(spec.jumps)}`)
    if (spec.proxyCommand) trace?.(`through ProxyCommand: ${spec.proxyCommand}`)
    for (let attempt = 1; ; attempt++) {
      try {
        // the jump chain is connected before taking this host's slots: hops take slots of their own
        const via = spec.jumps.length ? await this.hop(spec, spec.jumps.length) : undefined
        return await this.paced(spec.host, spec.port, async () => connectClient({ ...spec, trace }, await this.socketFor(spec, via), signal))
      } catch (e) {
        if (attempt >= 3 || signal?.aborted || !RETRYABLE.test((e as Error).message)) throw e
        await new Promise((r) => setTimeout(r, 250 * attempt))
      }
    }
  }

  private async socketFor(spec: ConnectionSpec, via: Client | undefined): Promise<Duplex | undefined> {
    if (spec.proxyCommand) return proxyCommandStream(spec.proxyCommand, spec)
    if (!via) return undefined
    try {
      return await forwardOut(via, spec.host, spec.port)
    } catch (e) {
      throw new UnreachableError(spec.name, `${(e as Error).message} (via ${describeJumps(spec.jumps)})`)
    }
  }

  private traceFor(host: string, prefix = ''): ((message: string) => void) | undefined {
    const trace = this.options.trace
    return trace ? (message) => trace(host, prefix + message) : undefined
  }

  /** Client for the first `depth` hops of the chain, shared across hosts. */
  private hop(spec: ConnectionSpec, depth: number): Promise<Client> {
    const chain = spec.jumps.slice(0, depth)
    const key = describeJumps(chain)
    let client = this.hops.get(key)
    if (!client) {
      const hop = chain[depth - 1]
      client = (async () => {
        const via = depth > 1 ? await this.hop(spec, depth - 1) : undefined
        const trace = this.traceFor(spec.name, `jump ${hop.user}@${hop.host}:${hop.port}: `)
        const c = await this.paced(hop.host, hop.port, async () =>
          connectClient({ ...hopSpec(spec, hop), trace }, via ? await forwardOut(via, hop.host, hop.port) : undefined),
        )
        c.on('close', () => this.hops.delete(key))
        return c
      })()
      client.catch(() => this.hops.delete(key))
      this.hops.set(key, client)
    }
    return client
  }
}

function describeJumps(jumps: JumpSpec[]): string {
  return jumps.map((j) => `${j.user}@${j.host}:${j.port}`).join(',')
}

function hopSpec(spec: ConnectionSpec, hop: JumpSpec): ClientSpec {
  return {
    name: spec.name,
    host: hop.host,
    port: hop.port,
    user: hop.user,
    identityFiles: hop.identityFiles,
    passphrase: spec.passphrase,
    agent: spec.agent,
    hostKeyPolicy: spec.hostKeyPolicy,
    knownHostsFiles: spec.knownHostsFiles,
    connectTimeoutMs: spec.connectTimeoutMs,
    keepaliveIntervalMs: spec.keepaliveIntervalMs,
  }
}
