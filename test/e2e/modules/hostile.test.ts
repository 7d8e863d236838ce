// The 50 hostile strings over SSH: copy content, command argv and lineinfile line land byte-exact.
import { afterAll, describe, expect, it } from 'vitest'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx } from '../../unit/modules/harness.js'
import { hostile } from '../../unit/modules/hostile.js'
import { resetHost } from '../lab-helpers.js'
import { labTarget } from './support.js'

const t = labTarget('lab-1', '/srv/tsplay-hostile')
const ctx = makeCtx(t.conn)
const label = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 20)}…(${s.length})` : s)

afterAll(async () => {
  await t.pool.closeAll()
  await resetHost('lab-1')
})

describe('hostile strings on a lab host', () => {
  it('scratch dir', async () => expect((await t.conn.run(`mkdir -p ${t.root}`)).rc).toBe(0))

  it.each(hostile.map((s, i) => [label(s), s, i] as const))('%s through copy, command and lineinfile', async (_l, s, i) => {
    const dest = `${t.root}/copy-${i}`
    expect((await runModule(modules.copy, ctx, { content: s, dest })).status).toBe('changed')
    expect((await t.conn.get(dest)).toString('utf8')).toBe(s)
    expect((await runModule(modules.copy, ctx, { content: s, dest })).status).toBe('ok')

    const r = await runModule(modules.command, ctx, { argv: ['printf', '%s', s], strip_empty_ends: false })
    expect(r.data.stdout).toBe(s)

    const path = `${t.root}/line-${i}`
    await t.conn.put('first\n', path)
    expect((await runModule(modules.lineinfile, ctx, { path, line: s })).status).toBe('changed')
    expect((await t.conn.get(path)).toString('utf8')).toBe(`first\n${s}\n`)
  })
})
