// Handshake slots shared by tsplay processes through files: at most `size` holders per sshd at once,
// a slot of a process that died (or whose deadline passed) is taken over.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HandshakeSlots } from '../../../src/connection/handshake-slots.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-slots-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('HandshakeSlots', () => {
  it('lets `size` holders in across instances (processes share the directory); the next waits for a release', async () => {
    const [a, b] = [new HandshakeSlots(2, dir), new HandshakeSlots(2, dir)]
    const first = await a.acquire('10.0.0.1:22', 60_000)
    const second = await b.acquire('10.0.0.1:22', 60_000)
    let third = false
    const waiting = a.acquire('10.0.0.1:22', 60_000).then((release) => ((third = true), release))
    await new Promise((r) => setTimeout(r, 100))
    expect(third).toBe(false)
    expect((await b.acquire('10.0.0.2:22', 60_000))).toBeTypeOf('function') // another sshd: its own slots
    second()
    const release = await waiting
    expect(third).toBe(true)
    first()
    release()
  })

  it('takes over a slot whose owner died or whose deadline passed', async () => {
    writeFileSync(join(dir, '10.0.0.3_22.0'), '999999999 99999999999999\n') // no such pid
    writeFileSync(join(dir, '10.0.0.3_22.1'), `${process.pid} 1\n`) // deadline long past
    const slots = new HandshakeSlots(2, dir)
    const r1 = await slots.acquire('10.0.0.3:22', 60_000)
    const r2 = await slots.acquire('10.0.0.3:22', 60_000)
    expect(readdirSync(dir).filter((f) => f.startsWith('10.0.0.3_22.')).sort()).toEqual(['10.0.0.3_22.0', '10.0.0.3_22.1'])
    r1()
    r2()
    expect(readdirSync(dir).filter((f) => f.startsWith('10.0.0.3_22.'))).toEqual([])
  })

  it('paces within the process only where no slot file can be made', async () => {
    const file = join(dir, 'a-file')
    writeFileSync(file, '')
    const slots = new HandshakeSlots(1, join(file, 'slots')) // under a file: no directory can be made
    const release = await slots.acquire('h:22', 1000)
    expect(await slots.acquire('h:22', 1000)).toBeTypeOf('function')
    release()
  })
})
