import { homedir } from 'node:os'
import { expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx } from './harness.js'

const ctx = makeCtx(new LocalConnection())

it('stat: path is expanded on the host (~, ~user, $VAR) and stat.path is the expanded path, as in Ansible', async () => {
  const home = await runModule(modules.stat, ctx, { path: '~' })
  expect(home.status, home.msg).toBe('ok')
  expect(home.data.stat).toMatchObject({ exists: true, isdir: true, path: process.env.HOME ?? homedir() })
  const root = await runModule(modules.stat, ctx, { path: '~root' })
  expect(root.data.stat).toMatchObject({ exists: true, path: '/root' })
  const viaVar = await runModule(modules.stat, ctx, { path: '$HOME' })
  expect(viaVar.data.stat).toMatchObject({ exists: true, path: process.env.HOME ?? homedir() })
  expect((await runModule(modules.stat, ctx, { path: '~/no such file here' })).data.stat).toEqual({ exists: false })
})
