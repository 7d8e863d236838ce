// A stand-in CLI (fixtures/fake-bin/NAME, first in PATH) for a binary that cannot run on these machines.
// The fake keeps its state under FAKE_<KEY>_DIR (inside the case root, so check-mode snapshots see it)
// and logs each call to FAKE_<KEY>_CALLS (outside it).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import type { Target } from './harness.js'

export function useFakeCli(key: 'KUBE' | 'DOCKER' | 'CEPH' | 'FLEET', stateDir: string) {
  const base = mkdtempSync(join(tmpdir(), `tsplay-${key.toLowerCase()}-`))
  const root = join(base, 'case')
  const callsFile = join(base, 'calls')
  const target: Target = { conn: new LocalConnection(), root }
  const savedPath = process.env.PATH
  beforeAll(() => {
    process.env.PATH = `${fileURLToPath(new URL('./fixtures/fake-bin', import.meta.url))}:${savedPath}`
    process.env[`FAKE_${key}_DIR`] = join(root, stateDir)
    process.env[`FAKE_${key}_CALLS`] = callsFile
  })
  afterAll(() => {
    process.env.PATH = savedPath
    delete process.env[`FAKE_${key}_DIR`]
    delete process.env[`FAKE_${key}_CALLS`]
    rmSync(base, { recursive: true, force: true })
  })
  return { base, root, callsFile, target }
}
