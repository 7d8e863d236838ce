// One authenticated ssh2 Client: host key check, auth plan, Nagle off, keepalive, connect timeout.
import { connect as tcpConnect, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Client } from 'ssh2'
import { Client as SshClient } from './ssh2-parts.js'
import { UnreachableError } from '../errors.js'
import { planAuth } from './auth.js'
import {
  fingerprint,
  keyLabel,
  keyTypeOf,
  loadKnownHosts,
  preferredHostKeyAlgorithms,
  recordHostKey,
  verifyHostKey,
} from './known-hosts.js'
import type { ConnectionSpec } from './types.js'
import { unreachable, type Endpoint } from './unreachable.js'

export type ClientSpec = Endpoint &
  Pick<
    ConnectionSpec,
    'identityFiles' | 'passphrase' | 'agent' | 'hostKeyPolicy' | 'knownHostsFiles' | 'connectTimeoutMs' | 'keepaliveIntervalMs' | 'keepaliveCountMax'
  > & {
    password?: string
    /** -vvv: one line per step of the handshake (never a secret: key file names and methods only). */
    trace?: (message: string) => void
  }

const SUPPORTED_HOST_KEY_ALGOS = new Set([
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
])

/** Decides trust for the key the server offered; returns a refusal reason or undefined to accept. */
export function checkHostKey(spec: ClientSpec, key: Buffer): string | undefined {
  const entries = loadKnownHosts(spec.knownHostsFiles)
  const verdict = verifyHostKey(entries, spec.host, spec.port, key)
  const fp = `${keyLabel(keyTypeOf(key))} ${fingerprint(key)}`
  const hostPort = spec.port === 22 ? spec.host : `[${spec.host}]:${spec.port}`
  if (verdict.status === 'ok') return undefined
  if (verdict.status === 'revoked')
    return `host key ${fp} of ${hostPort} is REVOKED (${verdict.entry.file}:${verdict.entry.line}); refusing`
  if (verdict.status === 'changed') {
    const old = fingerprint(verdict.entry.key)
    return (
      `HOST KEY CHANGED for ${hostPort}: ${verdict.entry.file}:${verdict.entry.line} has ${old}, the host offers ${fp}. ` +
      `Someone could be intercepting the connection; refusing. If the change is expected: ` +
      `ssh-keygen -R '${hostPort}' -f ${verdict.entry.file}`
    )
  }
  if (spec.hostKeyPolicy === 'strict') {
    const other = verdict.knownTypes.length ? ` (known only by ${verdict.knownTypes.join(', ')})` : ''
    return (
      `host key of ${hostPort} is not known${other}: ${fp}. To trust it, check the fingerprint and run with ` +
      `--accept-new-host-keys (or -o StrictHostKeyChecking=accept-new), or add it to ${spec.knownHostsFiles[0]}`
    )
  }
  recordHostKey(spec.knownHostsFiles[0], spec.host, spec.port, key)
  return undefined
}

/**
 * A TCP connection whose writes within one tick leave in one segment. ssh2 writes each AES-GCM packet
 * as three chunks (length, ciphertext, tag); with Nagle off each chunk was a segment of its own, and
 * each segment wakes sshd: three times the kernel and sshd work per command (seen with strace).
 */
function tcpSocket(host: string, port: number): Socket {
  const sock = tcpConnect({ host, port })
  sock.setNoDelay(true)
  const write = sock.write.bind(sock) as (...args: unknown[]) => boolean
  sock.write = ((...args: unknown[]) => {
    if (sock.writableCorked === 0) {
      sock.cork()
      process.nextTick(() => sock.uncork())
    }
    return write(...args)
  }) as typeof sock.write
  return sock
}

/**
 * Opens and authenticates a client. `via` is the stream to the host when going through a jump;
 * `signal` abandons the attempt (its socket is destroyed at once, even mid-handshake).
 */
export function connectClient(spec: ClientSpec, via?: Duplex, signal?: AbortSignal): Promise<Client> {
  const auth = planAuth(spec)
  const preferred = preferredHostKeyAlgorithms(loadKnownHosts(spec.knownHostsFiles), spec.host, spec.port).filter(
    (a) => SUPPORTED_HOST_KEY_ALGOS.has(a),
  )
  return new Promise((resolve, reject) => {
    const client = new SshClient()
    const sock = via ?? (auth.methods.length ? tcpSocket(spec.host, spec.port) : undefined)
    let refusal: string | undefined
    let settled = false
    let banner = '' // what the server sent before its SSH identification (sshd says "Exceeded MaxStartups")
    const peek = (b: Buffer) => {
      banner += b.toString('latin1')
      if (banner.length > 512 || banner.includes('SSH-')) sock?.off('data', peek)
    }
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      client.end()
      sock?.destroy()
      const dropped = !banner.includes('SSH-') && droppedStart(spec, banner, error)
      reject(refusal ? new UnreachableError(spec.name, refusal) : dropped || unreachable(spec, error, { timeoutMs: spec.connectTimeoutMs, ...auth }))
    }
    const abort = () => {
      if (settled) return
      settled = true
      client.destroy()
      sock?.destroy()
      reject(new UnreachableError(spec.name, `connection to ${spec.host} abandoned: tsplay is stopping`))
    }
    if (signal?.aborted) return abort()
    signal?.addEventListener('abort', abort, { once: true })
    client.on('error', fail)
    client.on('close', () => fail(new Error('connection closed during the handshake')))
    client.on('ready', () => {
      spec.trace?.(`authenticated as ${spec.user} with ${lastTried ?? 'none'}`)
      signal?.removeEventListener('abort', abort)
      settled = true
      client.setNoDelay(true)
      client.removeListener('error', fail)
      resolve(client)
    })
    spec.trace?.(`ESTABLISH SSH CONNECTION FOR USER: ${spec.user} to ${spec.host} port ${spec.port}${via ? ' (through a jump host or ProxyCommand)' : ''}`)
    spec.trace?.(`auth methods, in order: ${auth.tried.join(', ') || 'none'}${auth.problems.length ? `; not usable: ${auth.problems.join('; ')}` : ''}`)
    let lastTried: string | undefined
    let next = 0
    // ssh2's own handling of a method list, with each attempt named for -vvv
    const authHandler = () => {
      const method = auth.methods[next]
      if (!method) return false
      lastTried = auth.labels[next++]
      spec.trace?.(`auth: trying ${lastTried}`)
      return method
    }
    if (auth.methods.length === 0) {
      fail(new UnreachableError(spec.name, `no credentials for ${spec.user}@${spec.host}: no agent, usable key or password${auth.problems.length ? ` (${auth.problems.join('; ')})` : ''}`))
      return
    }
    client.connect({
      host: spec.host,
      port: spec.port,
      username: spec.user,
      sock,
      readyTimeout: spec.connectTimeoutMs,
      keepaliveInterval: spec.keepaliveIntervalMs,
      keepaliveCountMax: spec.keepaliveCountMax,
      authHandler: spec.trace ? (authHandler as never) : auth.methods,
      algorithms: preferred.length ? { serverHostKey: { prepend: preferred } as never } : undefined,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        try {
          refusal = checkHostKey(spec, key)
        } catch (e) {
          refusal = `cannot record host key: ${(e as Error).message}`
        }
        spec.trace?.(
          `host key ${keyLabel(keyTypeOf(key))} ${fingerprint(key)}: ${refusal ? 'refused' : 'trusted'} (StrictHostKeyChecking ${spec.hostKeyPolicy}, known_hosts ${spec.knownHostsFiles.join(' ')})`,
        )
        verify(refusal === undefined)
      },
    })
    sock?.on('data', peek)
    client.setNoDelay(true)
  })
}

/**
 * sshd closed (or reset) a connection before saying who it is: what sshd does to a start beyond its
 * MaxStartups. Recent sshd says so ("Exceeded MaxStartups"); older ones just close.
 */
function droppedStart(spec: ClientSpec, banner: string, error: unknown): UnreachableError | undefined {
  const msg = String((error as Error)?.message ?? error)
  const target = `${spec.host}:${spec.port}`
  if (/Exceeded MaxStartups/i.test(banner))
    return new UnreachableError(spec.name, `sshd at ${target} dropped the connection: "Exceeded MaxStartups" (too many unauthenticated connections to it at once, from this controller and others; its sshd_config MaxStartups sets how many)`)
  if (/closed during the handshake|lost before handshake|ECONNRESET|reset by peer/i.test(msg) || (error as NodeJS.ErrnoException)?.code === 'ECONNRESET')
    return new UnreachableError(spec.name, `sshd at ${target} closed the connection before the SSH handshake (what sshd does beyond its MaxStartups limit of unauthenticated connections at once: other clients may be connecting too)`)
  return undefined
}
