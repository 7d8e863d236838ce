import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSandbox, type Sandbox } from './sandbox.js'

let sb: Sandbox
beforeAll(async () => { sb = await openSandbox() })
afterAll(async () => sb?.close())

describe('sandbox', () => {
  it('writes land in the upperdir, not on the machine', async () => {
    await sb.conn.put('x', '/etc/tsplay-sandbox-probe')
    expect((await sb.conn.run('cat /etc/tsplay-sandbox-probe; hostname')).stdout).toBe('xtsplay-sandbox\n')
    expect(await sb.changes()).toContain('etc/tsplay-sandbox-probe f')
    expect((await import('node:fs')).existsSync('/etc/tsplay-sandbox-probe')).toBe(false)
  })
})
