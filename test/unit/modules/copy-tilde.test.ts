import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx } from './harness.js'

const home = mkdtempSync(join(tmpdir(), 'tsplay-home-'))
const saved = process.env.HOME
afterAll(() => {
  process.env.HOME = saved
  rmSync(home, { recursive: true, force: true })
})

it('copy: dest is a path type, ~ expanded on the host as the user the task runs as (the become user, in Ansible)', async () => {
  process.env.HOME = home // the local connection's shell inherits it
  const ctx = makeCtx(new LocalConnection())
  const r = await runModule(modules.copy, ctx, { content: 'x', dest: '~/in-home.txt' })
  expect(r.status, r.msg).toBe('changed')
  expect(r.data.dest).toBe(join(home, 'in-home.txt'))
  expect(readFileSync(join(home, 'in-home.txt'), 'utf8')).toBe('x')
  expect(existsSync('~')).toBe(false)
  expect((await runModule(modules.copy, ctx, { content: 'x', dest: '~/in-home.txt' })).status).toBe('ok')
  // remote_src: src is a path type too ($HOME/…, as the copy target's authorized_keys task writes it)
  const again = await runModule(modules.copy, ctx, { src: '$HOME/in-home.txt', dest: '~/copied.txt', remote_src: true })
  expect(again.status, again.msg).toBe('changed')
  expect(readFileSync(join(home, 'copied.txt'), 'utf8')).toBe('x')
})

it('copy remote_src with a directory: relative src and dest are from the working directory (check_mode target)', async () => {
  mkdirSync(join(home, 'rsrc/sub'), { recursive: true })
  writeFileSync(join(home, 'rsrc/sub/f'), 'f')
  const ctx = makeCtx(new LocalConnection())
  const rel = relative(process.cwd(), home)
  const r = await runModule(modules.copy, ctx, { src: `${rel}/rsrc/`, dest: `${rel}/rdest/`, remote_src: true })
  expect(r.status, r.msg).toBe('changed')
  expect(readFileSync(join(home, 'rdest/sub/f'), 'utf8')).toBe('f')
})
