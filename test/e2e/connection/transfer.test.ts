// put/get and command framing over SSH: atomic puts, binary data, concurrency within MaxSessions.
import { afterAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { connectionFor } from '../../../src/connection/index.js'
import { labHost, labInfo, upperdir } from '../lab-helpers.js'
import { labVars, newPool } from './conn-helpers.js'

const HOST = 'lab-2'

describe('transfers and framing', () => {
  const pool = newPool()
  afterAll(() => pool.closeAll())
  const conn = () => connectionFor(HOST, labVars(HOST), { pool })

  it('round-trips binary data through put/get and through stdin, small and large', async () => {
    for (const size of [0, 1, 4096, (1 << 20) + 3]) {
      const data = randomBytes(size)
      await conn().put(data, `/tmp/bin-${size}`)
      expect((await conn().get(`/tmp/bin-${size}`)).equals(data)).toBe(true)
      expect(readFileSync(join(upperdir(HOST), `tmp/bin-${size}`)).equals(data)).toBe(true)
      const sum = await conn().run('sha256sum | cut -c1-64', { stdin: data })
      expect(sum.stdout.trim()).toMatch(/^[0-9a-f]{64}$/)
    }
  })

  it('keeps output without a trailing newline, stderr apart, and rc as data', async () => {
    expect(await conn().run(`printf 'no newline'; printf 'e1' >&2; exit 42`)).toEqual({ rc: 42, stdout: 'no newline', stderr: 'e1' })
    // a command that reads stdin when none is given gets EOF, not the next command
    expect(await conn().run('cat; echo done')).toEqual({ rc: 0, stdout: 'done\n', stderr: '' })
    // state does not leak between commands
    await conn().run('cd /etc; X=1; exit 0')
    expect((await conn().run('pwd; echo "[$X]"')).stdout).toBe('/root\n[]\n')
  })

  it('runs 30 concurrent commands on one host within MaxSessions (10)', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => conn().run(`sleep 0.1; echo ${i}`)))
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 30 }, (_, i) => `${i}\n`))
  })

  it('a put killed mid-transfer leaves the old file intact and no temp file behind', async () => {
    const path = '/root/precious.txt'
    await conn().put('old content\n', path)
    const child = spawn('npx', ['vite-node', 'test/e2e/connection/fixtures/put-child.ts', labHost(HOST).ip, labInfo().key, labInfo().knownHosts, path, '192'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    })
    let out = ''
    child.stdout.on('data', (b: Buffer) => (out += b))
    const exited = new Promise((r) => child.on('exit', r))
    let partial = 0
    for (let i = 0; i < 600 && !out.includes('finished'); i++) {
      const r = await conn().run(`stat -c %s /root/.tsplay-* 2>/dev/null || true`)
      partial = Number(r.stdout.trim().split('\n')[0] || 0)
      if (partial > 1 << 20) break
      await new Promise((res) => setTimeout(res, 20))
    }
    process.kill(-child.pid!, 'SIGKILL')
    await exited
    expect(out).not.toContain('finished')
    expect(partial).toBeGreaterThan(1 << 20)
    expect(partial).toBeLessThan(192 << 20)
    expect((await conn().get(path)).toString()).toBe('old content\n')
    let left = 'x'
    for (let i = 0; i < 50 && left !== ''; i++) {
      left = (await conn().run('ls -A /root | grep tsplay || true')).stdout.trim()
      if (left) await new Promise((res) => setTimeout(res, 100))
    }
    expect(left).toBe('')
  })
})
