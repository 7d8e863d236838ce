// deploy (sudo with a password) becoming root; a wrong password fails clearly and never shows up.
import { afterAll, describe, expect, it } from 'vitest'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { BecomeError, connectionFor } from '../../../src/connection/index.js'
import { labPassword, upperdir } from '../lab-helpers.js'
import { labVars, newPool } from './conn-helpers.js'

const HOST = 'lab-2'

describe('become on a lab host', () => {
  const pool = newPool()
  afterAll(() => pool.closeAll())
  const deploy = () => connectionFor(HOST, labVars(HOST, { ansible_user: 'deploy' }), { pool })
  const sudo = (password: string) => ({ method: 'sudo' as const, user: 'root', password })

  it('deploy + sudo writes a root-owned file (put and run)', async () => {
    const conn = deploy()
    const become = sudo(labPassword())
    await conn.put('managed by tsplay\n', '/etc/tsplay-become.txt', { mode: '0640', become })
    const r = await conn.run('id -un; stat -c %U:%a /etc/tsplay-become.txt; cat', { become, stdin: 'stdin reaches the command' })
    expect(r).toEqual({ rc: 0, stdout: 'root\nroot:640\nstdin reaches the command', stderr: '' })
    const st = statSync(join(upperdir(HOST), 'etc/tsplay-become.txt'))
    expect([st.uid, st.mode & 0o777]).toEqual([0, 0o640])
  })

  it('runs many become commands in a row on one connection', async () => {
    const conn = deploy()
    const become = sudo(labPassword())
    for (let i = 0; i < 5; i++) expect((await conn.run(`echo ${i}; id -u`, { become })).stdout).toBe(`${i}\n0\n`)
  })

  it('a wrong password is a clear BecomeError and appears in no output', async () => {
    const secret = 'Wr0ng-pa55-tsplay'
    const conn = deploy()
    const err = await conn.run('echo should-not-run', { become: sudo(secret), stdin: `${secret}\n${secret}\n` }).catch((e) => e)
    expect(err).toBeInstanceOf(BecomeError)
    expect(err.message).toBe('sudo to root failed: incorrect become password')
    expect(JSON.stringify(err)).not.toContain(secret)
    expect(`${err.message} ${err.hint} ${err.stack}`).not.toContain(secret)
    // the connection is still usable afterwards, and nothing ran
    expect((await conn.run('id -un')).stdout).toBe('deploy\n')
  })

  it('a wrong password without stdin fails the same way, then a right one works', async () => {
    const secret = 'An0ther-wr0ng-pa55'
    const conn = deploy()
    const err = await conn.run('echo should-not-run', { become: sudo(secret) }).catch((e) => e)
    expect(err).toBeInstanceOf(BecomeError)
    expect(err.message).toBe('sudo to root failed: incorrect become password')
    expect(`${err.message} ${err.hint} ${err.stack} ${JSON.stringify(err)}`).not.toContain(secret)
    const ok = await conn.run('id -un; echo "$SUDO_USER" >&2', { become: sudo(labPassword()) })
    expect(ok).toEqual({ rc: 0, stdout: 'root\n', stderr: 'deploy\n' })
  })

  it('no password given where sudo needs one: says so instead of hanging', async () => {
    const err = await deploy()
      .run('true', { become: { method: 'sudo', user: 'root' } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(BecomeError)
    expect(err.message).toBe('sudo to root failed: a password is required')
  })

  it('su from root to deploy, and sudo -u to a non-root user', async () => {
    const root = connectionFor(HOST, labVars(HOST), { pool })
    expect((await root.run('id -un', { become: { method: 'su', user: 'deploy' } })).stdout).toBe('deploy\n')
    expect((await root.run('id -un', { become: { method: 'sudo', user: 'nobody' } })).stdout).toBe('nobody\n')
  })

  it('su with a password (deploy → root is refused: root has no password on lab hosts)', async () => {
    const err = await deploy()
      .run('true', { become: { method: 'su', user: 'root', password: 'whatever-pw' } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(BecomeError)
    expect(err.message).toMatch(/^su to root failed: /)
    expect(err.message).not.toContain('whatever-pw')
  })
})
