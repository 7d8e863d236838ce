// file's attributes where lsattr -v fails (tmpfs has no version ioctl): the flags still count, as in Ansible.
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { afterAll, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import type { ModuleDefinition } from '../../../src/modules/types.js'
import { makeCtx } from './harness.js'

const path = `/dev/shm/tsplay-attr-${process.pid}`
afterAll(() => rmSync(path, { force: true }))

it.skipIf(!existsSync('/dev/shm'))('+A on a tmpfs file that has exactly A is ok', async () => {
  writeFileSync(path, '')
  execFileSync('chattr', ['=A', path])
  const def = modules.file as unknown as ModuleDefinition<never>
  const r = await runModule(def, makeCtx(new LocalConnection()), { path, attributes: '+A' })
  expect(r.status, r.msg).toBe('ok')
  const again = await runModule(def, makeCtx(new LocalConnection()), { path, attributes: 'A' })
  expect(again.status, again.msg).toBe('ok')
})
