// The data-driven module cases over LocalConnection in a temp dir (the same cases run on lab hosts in e2e).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { allCases } from './cases/index.js'
import { runCase, type Target } from './harness.js'

const base = mkdtempSync(join(tmpdir(), 'tsplay-modules-'))
// the controller is the host here: unarchive's archive cache must stay in the temp dir
process.env.TSPLAY_CACHE = join(base, 'cache')
afterAll(() => rmSync(base, { recursive: true, force: true }))

for (const [group, cases] of Object.entries(allCases)) {
  describe(group, () => {
    cases.forEach((c, i) => {
      it(c.name, async () => {
        const target: Target = { conn: new LocalConnection(), root: join(base, `${group}-${i}`) }
        await runCase(target, c)
      })
    })
  })
}
