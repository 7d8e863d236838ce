// One connection per host for the whole run. Handshakes are paced (default ≤ 8 unauthenticated at
// once, under sshd's MaxStartups 10:30:100 even when every host sits behind one bastion); jump-host
// connections are shared by every host behind them.
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
  maxHandshakes?: number
}

const RETRYABLE = /reset by|closed during the handshake/ // sshd dropping a start under MaxStartups pressure

export class ConnectionPool {
  private readonly handshakes: Semaphore
  private readonly hosts = new Map<string, SshConnection>()
  private readonly hops = new Map<string, Promise<Client>>()

  constructor(readonly options: PoolOptions = {}) {
    this.handshakes = new Semaphore(options.maxHandshakes ?? 8)
  }

  /** The run-long connection for a host; connecting starts on first use. */
  connection(spec: ConnectionSpec): SshConnection {
    let conn = this.hosts.get(spec.name)
    if (!conn) {
      conn = new SshConnection(spec.name, () => this.openClient(spec), this.options)
      this.hosts.set(spec.name, conn)
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

  private async openClient(spec: ConnectionSpec): Promise<Client> {
    for (let attempt = 1; ; attempt++) {
      try {
        const sock = await this.socketFor(spec)
        return await this.handshakes.use(() => connectClient(spec, sock))
      } catch (e) {
        if (attempt >= 3 || !RETRYABLE.test((e as Error).message)) throw e
        await new Promise((r) => setTimeout(r, 250 * attempt))
      }
    }
  }

  private async socketFor(spec: ConnectionSpec): Promise<Duplex | undefined> {
    if (spec.proxyCommand) return proxyCommandStream(spec.proxyCommand, spec)
    if (spec.jumps.length === 0) return undefined
    const via = await this.hop(spec, spec.jumps.length)
    try {
      return await forwardOut(via, spec.host, spec.port)
    } catch (e) {
      throw new UnreachableError(spec.name, `${(e as Error).message} (via ${describeJumps(spec.jumps)})`)
    }
  }

  /** Client for the first `depth` hops of the chain, shared across hosts. */
  private hop(spec: ConnectionSpec, depth: number): Promise<Client> {
    const chain = spec.jumps.slice(0, depth)
    const key = describeJumps(chain)
    let client = this.hops.get(key)
    if (!client) {
      const hop = chain[depth - 1]
      client = (async () => {
        let sock: Duplex | undefined
        if (depth > 1) sock = await forwardOut(await this.hop(spec, depth - 1), hop.host, hop.port)
        const c = await this.handshakes.use(() => connectClient(hopSpec(spec, hop), sock))
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
