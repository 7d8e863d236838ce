// ssh2 / socket errors → UnreachableError with a one-line reason a human can act on.
import { UnreachableError } from '../errors.js'

export interface Endpoint {
  name: string // inventory hostname
  host: string
  port: number
  user: string
}

export function unreachable(ep: Endpoint, error: unknown, context: { timeoutMs?: number; tried?: string[]; problems?: string[] } = {}): UnreachableError {
  if (error instanceof UnreachableError) return error
  const e = error as NodeJS.ErrnoException & { level?: string }
  const target = `${ep.host}:${ep.port}`
  const msg = String(e?.message ?? error)
  let reason: string
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') reason = `cannot resolve host name "${ep.host}"`
  else if (e?.code === 'ECONNREFUSED') reason = `connection refused by ${target} (is sshd running on that port?)`
  else if (e?.code === 'EHOSTUNREACH' || e?.code === 'ENETUNREACH') reason = `no route to ${target}`
  else if (e?.code === 'ETIMEDOUT' || /timed out/i.test(msg))
    reason = `timed out after ${(context.timeoutMs ?? 0) / 1000}s connecting to ${target}`
  else if (e?.code === 'ECONNRESET') reason = `connection reset by ${target} during the handshake`
  else if (e?.level === 'client-authentication' || /authentication methods failed/.test(msg)) {
    const tried = context.tried?.length ? context.tried.join(', ') : 'nothing to offer'
    const problems = context.problems?.length ? `; unusable: ${context.problems.join('; ')}` : ''
    reason = `authentication failed for ${ep.user}@${target} (tried: ${tried}${problems})`
  } else reason = `${target}: ${msg.split('\n')[0]}`
  return new UnreachableError(ep.name, reason)
}
