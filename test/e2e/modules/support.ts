// Lab hosts as module-case targets: an ssh2 Connection from the pool, a scratch root on the host,
// and the host's upperdir (size/mtime/mode of every entry) to prove check mode writes nothing; and plays
// run by the tsplay CLI on one fresh host.
import { lstatSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { connectionFor, type ConnectionPool } from '../../../src/connection/index.js'
import type { Target } from '../../unit/modules/harness.js'
import { newPool, labVars } from '../connection/conn-helpers.js'
import { labInfo, resetHost, upperEntries, upperdir } from '../lab-helpers.js'
import { runTsplay, type CliResult } from '../run-tsplay.js'

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

/**
 * A test file's plays on one lab host, fresh before and after the file: `dir()`, a scratch directory on the
 * controller; `play(tasks, head)`, `tsplay run` (with `args`) of one play of `tasks` (YAML lines under
 * `tasks:`; `head`, more lines of play keywords), which must exit 0.
 */
export function playsOn(host: string, args: string[] = []): { dir: () => string; play: (tasks: string, head?: string) => Promise<CliResult> } {
  let dir = ''
  beforeAll(async () => {
    await resetHost(host)
    dir = mkdtempSync(join(tmpdir(), 'tsplay-plays-'))
  })
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await resetHost(host)
  })
  return {
    dir: () => dir,
    async play(tasks, head = '') {
      const file = join(dir, 'p.yml')
      writeFileSync(file, `- hosts: ${host}\n  gather_facts: false\n${head}  tasks:\n${tasks}`)
      const r = await runTsplay(['run', file, '-i', labInfo().hostsIni, ...args])
      expect(r.code, r.stdout + r.stderr).toBe(0)
      return r
    },
  }
}
