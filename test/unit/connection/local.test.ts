import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalConnection } from '../../../src/connection/local.js'
import { InterruptedError } from '../../../src/errors.js'
import { BecomeError } from '../../../src/connection/become.js'

const isRoot = process.getuid?.() === 0

describe('LocalConnection', () => {
  const conn = new LocalConnection()
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-local-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('returns rc, stdout and stderr; a non-zero rc is not an error', async () => {
    expect(await conn.run('echo out; echo err >&2; exit 7')).toEqual({ rc: 7, stdout: 'out\n', stderr: 'err\n' })
  })

  it('passes stdin, env (byte-exact) and cwd', async () => {
    const r = await conn.run('cat; printf %s "$V"; pwd', { stdin: 'in\n', env: { V: `a'b"$c` }, cwd: dir })
    expect(r.stdout).toBe(`in\na'b"$c${dir}\n`)
  })

  it('stops a command at its timeout with rc 124', async () => {
    const r = await conn.run('sleep 5', { timeoutMs: 200 })
    expect(r.rc).toBe(124)
    expect(r.stderr).toMatch(/timed out after 0.2s/)
  })

  it('puts atomically with the mode applied, and gets bytes back', async () => {
    const path = join(dir, 'f')
    writeFileSync(path, 'old')
    const data = Buffer.from([0, 1, 2, 255, 10])
    await conn.put(data, path, { mode: '0600' })
    expect(readFileSync(path)).toEqual(data)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(await conn.get(path)).toEqual(data)
    expect(readdirSync(dir)).toEqual(['f']) // no temp file left
  })

  it.skipIf(!isRoot)('becomes another user with sudo, and su', async () => {
    expect((await conn.run('id -un', { become: { method: 'sudo', user: 'nobody' } })).stdout).toBe('nobody\n')
    const su = await conn.run('id -un; cat', { stdin: 'x', become: { method: 'su', user: 'nobody' } })
    expect(su).toEqual({ rc: 0, stdout: 'nobody\nx', stderr: '' })
  })

  it.skipIf(!isRoot)('reports become failures as BecomeError', async () => {
    const err = await conn.run('true', { become: { method: 'sudo', user: 'no-such-user-tsplay' } }).catch((e) => e)
    expect(err).toBeInstanceOf(BecomeError)
    expect(err.message).toMatch(/sudo to no-such-user-tsplay failed: .*unknown user/i)
  })

  it('interrupt() stops a running command and its children (TERM to its process group), and refuses new ones', async () => {
    const local = new LocalConnection()
    const marker = join(dir, 'stopped-child')
    const running = local.run(`sh -c 'trap "echo stopped > ${marker}" TERM; sleep 30 & wait'; sleep 30`).catch((e) => e)
    await new Promise((r) => setTimeout(r, 300))
    local.interrupt('SIGINT')
    const err = await running
    expect(err).toBeInstanceOf(InterruptedError)
    expect(err.message).toBe('interrupted by SIGINT: the command was stopped')
    await expect(local.run('true')).rejects.toThrow('interrupted by SIGINT')
    expect(readFileSync(marker, 'utf8')).toBe('stopped\n')
  })
})
