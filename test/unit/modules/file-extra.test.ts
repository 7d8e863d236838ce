// file cases the table cannot hold: tmpfs attributes (lsattr -v fails there), check-mode warnings.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

it('check mode warns of an owner or group the play has not created yet', async () => {
  const def = modules.file as unknown as ModuleDefinition<never>
  const r = await runModule(def, makeCtx(new LocalConnection(), { check: true }), { path: '/nonexistent-tsplay', owner: 'no-such-user-tsplay', group: '1234567' })
  expect(r.status).toBe('failed')
  expect(r.data.warnings).toEqual([
    'failed to look up user no-such-user-tsplay. Create user up to this point in real play',
    'failed to look up group with gid 1234567. Create group up to this point in real play',
  ])
  const known = await runModule(def, makeCtx(new LocalConnection(), { check: true }), { path: '/nonexistent-tsplay', owner: 'root' })
  expect(known.data.warnings).toBeUndefined()
})

it('check mode: an unknown owner on an existing file fails as Ansible\'s chown lookup does, with the warning', async () => {
  const def = modules.file as unknown as ModuleDefinition<never>
  const r = await runModule(def, makeCtx(new LocalConnection(), { check: true }), { path: '/etc/hostname', state: 'touch', owner: 'no-such-user-tsplay' })
  expect(r.status).toBe('failed')
  expect(r.msg).toBe('chown failed: failed to look up user no-such-user-tsplay')
  expect(r.data.warnings).toHaveLength(1)
})

it('a link to nothing with follow warns as Ansible does; follow=false does not', async () => {
  const def = modules.file as unknown as ModuleDefinition<never>
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-dangling-'))
  try {
    const made = await runModule(def, makeCtx(new LocalConnection()), { path: `${dir}/l`, src: '/nonexistent-tsplay', state: 'link', force: true })
    expect(made.status).toBe('changed')
    expect(made.data.warnings).toEqual(['Cannot set fs attributes on a non-existent symlink target. follow should be set to False to avoid this.'])
    const again = await runModule(def, makeCtx(new LocalConnection()), { path: `${dir}/l`, src: '/nonexistent-tsplay', state: 'link', force: true })
    expect(again.status).toBe('ok')
    expect(again.data.warnings).toHaveLength(1)
    const quiet = await runModule(def, makeCtx(new LocalConnection()), { path: `${dir}/l`, src: '/nonexistent-tsplay', state: 'link', force: true, follow: false })
    expect(quiet.data.warnings).toBeUndefined()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('attributes +A: chattr, then what lsattr shows decides (ext4 adds e: changed again, as in Ansible)', async () => {
  const def = modules.file as unknown as ModuleDefinition<never>
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-attr-'))
  try {
    writeFileSync(`${dir}/f`, 'a')
    const r = await runModule(def, makeCtx(new LocalConnection()), { path: `${dir}/f`, attributes: '+A' })
    expect(r.status, r.msg).toBe('changed')
    const flags = execFileSync('lsattr', ['-d', `${dir}/f`]).toString().split(' ')[0].replace(/-/g, '')
    expect(flags).toContain('A')
    const again = await runModule(def, makeCtx(new LocalConnection()), { path: `${dir}/f`, attributes: '+A' })
    expect(again.status).toBe(flags === 'A' ? 'ok' : 'changed')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
