// fetch writes on the controller, so its checks look at local files; shared by unit and e2e.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx, type Target } from './harness.js'

export async function checkFetch(t: Target): Promise<void> {
  const local = mkdtempSync(join(tmpdir(), 'tsplay-fetch-'))
  try {
    await t.conn.run(`mkdir -p ${t.root}/etc`)
    await t.conn.put('remote bytes\n', `${t.root}/etc/app.conf`)
    const src = `${t.root}/etc/app.conf`
    const ctx = makeCtx(t.conn)
    const expected = join(local, t.conn.host, src)

    const checked = await runModule(modules.fetch, { ...ctx, check: true }, { src, dest: local })
    expect(checked.status).toBe('changed')
    expect(existsSync(expected), 'check mode wrote on the controller').toBe(false)

    const first = await runModule(modules.fetch, ctx, { src, dest: local })
    expect(first.status, first.msg).toBe('changed')
    expect(readFileSync(expected, 'utf8')).toBe('remote bytes\n')
    expect((await runModule(modules.fetch, ctx, { src, dest: local })).status).toBe('ok')

    await t.conn.put('new bytes\n', src)
    expect((await runModule(modules.fetch, ctx, { src, dest: local })).status).toBe('changed')
    expect(readFileSync(expected, 'utf8')).toBe('new bytes\n')

    const flat = await runModule(modules.fetch, ctx, { src, dest: `${local}/flat/`, flat: true })
    expect(flat.status).toBe('changed')
    expect(readFileSync(join(local, 'flat/app.conf'), 'utf8')).toBe('new bytes\n')

    const missing = await runModule(modules.fetch, ctx, { src: `${t.root}/nope`, dest: local })
    expect(missing.status).toBe('failed')
    expect(missing.msg).toContain('does not exist')
    expect((await runModule(modules.fetch, ctx, { src: `${t.root}/nope`, dest: local, fail_on_missing: false })).status).toBe('ok')
  } finally {
    rmSync(local, { recursive: true, force: true })
  }
}
