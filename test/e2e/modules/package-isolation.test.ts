// Removing an installed Debian package on one lab host leaves the other hosts (and the controller) intact.
import { execFileSync } from 'node:child_process'
import { afterAll, expect, it } from 'vitest'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx } from '../../unit/modules/harness.js'
import { resetHost } from '../lab-helpers.js'
import { labTarget } from './support.js'

const lab3 = labTarget('lab-3', '/srv')
const lab2 = labTarget('lab-2', '/srv', lab3.pool)
const installed = async (t: typeof lab3) => (await t.conn.run("dpkg-query -W -f='${Status}' etcd-client")).stdout === 'install ok installed'

afterAll(async () => {
  await lab3.pool.closeAll()
  await resetHost('lab-3')
})

it('apt absent on lab-3 removes etcd-client there only', async () => {
  expect(await installed(lab3)).toBe(true)
  const checked = await runModule(modules.apt, makeCtx(lab3.conn, { check: true }), { name: 'etcd-client', state: 'absent' })
  expect(checked.status).toBe('changed')
  expect(await installed(lab3)).toBe(true)
  const r = await runModule(modules.apt, makeCtx(lab3.conn), { name: 'etcd-client', state: 'absent' })
  expect(r.status, r.msg).toBe('changed')
  expect(await installed(lab3)).toBe(false)
  expect((await lab3.conn.run('command -v etcdctl')).rc).not.toBe(0)
  expect((await runModule(modules.apt, makeCtx(lab3.conn), { name: 'etcd-client', state: 'absent' })).status).toBe('ok')
  expect(await installed(lab2)).toBe(true)
  expect(execFileSync('dpkg-query', ['-W', '-f=${Status}', 'etcd-client']).toString()).toBe('install ok installed')
})
