import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { withLock } from '../../../src/lab/lock.js'

describe('withLock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-lock-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('runs holders one at a time and removes the lock afterwards', async () => {
    const path = join(dir, 'a.lock')
    const events: string[] = []
    const holder = (id: string) =>
      withLock(path, async () => {
        events.push(`${id}+`)
        await sleep(30)
        events.push(`${id}-`)
      })
    await Promise.all([holder('1'), holder('2')])
    expect(events).toEqual(['1+', '1-', '2+', '2-'])
    expect(existsSync(path)).toBe(false)
  })

  it('takes over a lock whose owner died', async () => {
    const path = join(dir, 'b.lock')
    writeFileSync(path, '999999999') // beyond pid_max: certainly not running
    expect(await withLock(path, async () => 'got it', 1_000)).toBe('got it')
  })

  it('waits for a live owner and then times out with a clear error', async () => {
    const path = join(dir, 'c.lock')
    writeFileSync(path, String(process.pid))
    await expect(withLock(path, async () => 'never', 200)).rejects.toThrowError(/timed out waiting for lock/)
  })
})
