import { spawn } from 'node:child_process'
import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { childrenOf, pidAlive, processesUnder } from '../../../src/lab/procs.js'

describe('/proc helpers', () => {
  it('find a process by its cwd, list it as a child, and see it die', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'tsplay-procs-')))
    const child = spawn('sleep', ['30'], { cwd: dir, stdio: 'ignore' })
    try {
      await sleep(50)
      expect(pidAlive(child.pid!)).toBe(true)
      expect(childrenOf(process.pid)).toContain(child.pid)
      expect(processesUnder(dir)).toEqual([child.pid])
      expect(processesUnder(`${dir}-other`)).toEqual([])
    } finally {
      child.kill('SIGKILL')
    }
    await new Promise((resolve) => child.once('exit', resolve))
    expect(pidAlive(child.pid!)).toBe(false)
    expect(processesUnder(dir)).toEqual([])
    rmSync(dir, { recursive: true })
  })
})
