// lineinfile/blockinfile/replace against outputs recorded from Debian's ansible-core
// (fixtures/gen-edit-expected.py): same input and args must give the same bytes and the same changed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules, type ModuleName } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx } from './harness.js'

interface Recorded { module: ModuleName; input: string; args: Record<string, unknown>; expected: string; changed: boolean; changed_again: boolean }
const cases = JSON.parse(readFileSync(new URL('./fixtures/edit-cases.expected.json', import.meta.url), 'utf8')) as Recorded[]
const base = mkdtempSync(join(tmpdir(), 'tsplay-edit-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))
const ctx = makeCtx(new LocalConnection())

describe('edit modules match ansible-core', () => {
  it.each(cases.map((c, i) => [i, `${c.module} ${JSON.stringify(c.args)}`, c] as const))('#%i %s', async (i, _name, c) => {
    const path = join(base, `case-${i}`)
    writeFileSync(path, c.input)
    const r = await runModule(modules[c.module] as never, ctx, { ...c.args, path })
    expect(r.status, r.msg).toBe(c.changed ? 'changed' : 'ok')
    expect(readFileSync(path, 'utf8')).toBe(c.expected)
    const again = await runModule(modules[c.module] as never, ctx, { ...c.args, path })
    expect(again.status, 'second run').toBe(c.changed_again ? 'changed' : 'ok')
  })
})
