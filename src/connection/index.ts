// connectionFor: inventory host + its vars → a Connection (ssh through the pool, or local).
import { LocalConnection } from './local.js'
import { resolveConnectionSpec } from './options.js'
import { ConnectionPool, type PoolOptions } from './pool.js'
import type { Connection } from './types.js'

export { ConnectionPool, type PoolOptions } from './pool.js'
export { resolveConnectionSpec, type ConnectOptions } from './options.js'
export { BecomeError } from './become.js'

export function connectionFor(
  host: string,
  hostVars: Record<string, unknown>,
  options: PoolOptions & { pool?: ConnectionPool } = {},
): Connection {
  const spec = resolveConnectionSpec(host, hostVars, options.pool?.options ?? options)
  if (spec.kind === 'local') return new LocalConnection(host)
  return (options.pool ?? new ConnectionPool(options)).connection(spec)
}
