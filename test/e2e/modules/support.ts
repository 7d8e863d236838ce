// Lab hosts as module-case targets: an ssh2 Connection from the pool, a scratch root on the host,
// and the host's upperdir (size/mtime/mode of every entry) to prove check mode writes nothing.
import { lstatSync } from 'node:fs'
import { join } from 'node:path'
import { connectionFor, type ConnectionPool } from '../../../src/connection/index.js'
import type { Target } from '../../unit/modules/harness.js'
import { newPool, labVars } from '../connection/conn-helpers.js'
import { upperEntries, upperdir } from '../lab-helpers.js'

// written by any login or become, not by modules (see lab-helpers listUpperFiles)
const NOISE = /^(run(\/sudo(\/.*)?)?$|var\/log\/(lastlog|wtmp|btmp)|root\/\.ansible|tmp(\/|$))/

export function upperSnapshot(host: string): string {
  const root = upperdir(host)
  return upperEntries(host)
    .filter((e) => !NOISE.test(e.path))
    .map((e) => {
      const st = lstatSync(join(root, e.path))
      return `${e.path} ${e.kind} ${st.mode.toString(8)} ${e.kind === 'dir' ? '' : `${st.size} ${st.mtimeMs}`}`
    })
    .join('\n')
}

export function labTarget(host: string, root: string, pool: ConnectionPool = newPool()): Target & { pool: ConnectionPool } {
  const conn = connectionFor(host, labVars(host), { pool })
  return { conn, root, pool, changes: async () => upperSnapshot(host) }
}
