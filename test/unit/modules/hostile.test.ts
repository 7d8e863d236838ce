// Hostile strings through copy content, command argv and lineinfile line: every byte lands as given.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx } from './harness.js'
import { hostile } from './hostile.js'

const base = mkdtempSync(join(tmpdir(), 'tsplay-hostile-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))
const conn = new LocalConnection()
const ctx = makeCtx(conn)
const label = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 20)}…(${s.length})` : s)

describe('hostile strings', () => {
  it('are 50', () => expect(hostile).toHaveLength(50))

  it.each(hostile.map((s, i) => [label(s), s, i] as const))('copy content %s lands byte-exact', async (_l, s, i) => {
    const dest = join(base, `copy-${i}`)
    const r = await runModule(modules.copy, ctx, { content: s, dest })
    expect(r.status, r.msg).toBe('changed')
    expect((await conn.get(dest)).toString('utf8')).toBe(s)
    expect((await runModule(modules.copy, ctx, { content: s, dest })).status).toBe('ok')
  })

  it.each(hostile.map((s) => [label(s), s] as const))('command argv %s lands byte-exact', async (_l, s) => {
    const r = await runModule(modules.command, ctx, { argv: ['printf', '%s', s], strip_empty_ends: false })
    expect(r.status, r.msg).toBe('changed')
    expect(r.data.stdout).toBe(s)
  })

  it.each(hostile.map((s, i) => [label(s), s, i] as const))('lineinfile line %s lands byte-exact', async (_l, s, i) => {
    const path = join(base, `line-${i}`)
    await conn.put('first\n', path)
    const r = await runModule(modules.lineinfile, ctx, { path, line: s })
    expect(r.status, r.msg).toBe('changed')
    expect((await conn.get(path)).toString('utf8')).toBe(`first\n${s}\n`)
    // a line with its own line breaks is never found again as one line (Ansible behaves the same)
    if (!/[\r\n]/.test(s)) expect((await runModule(modules.lineinfile, ctx, { path, line: s })).status).toBe('ok')
  })
})
