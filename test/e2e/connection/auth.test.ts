// Logins the transport must support: key, agent, password, passphrase-protected key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectionFor } from '../../../src/connection/index.js'
import { UnreachableError } from '../../../src/errors.js'
import { labInfo, labPassword } from '../lab-helpers.js'
import { labVars, newPool } from './conn-helpers.js'

const HOST = 'lab-1'

describe('ssh logins on a lab host', () => {
  const pool = newPool()
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-auth-'))
  let agent: ChildProcess | undefined
  afterAll(async () => {
    await pool.closeAll()
    agent?.kill()
    rmSync(dir, { recursive: true, force: true })
  })

  it('logs in with a key file', async () => {
    const conn = connectionFor(HOST, labVars(HOST), { pool })
    expect(await conn.run('id -un; hostname')).toEqual({ rc: 0, stdout: `root\n${HOST}\n`, stderr: '' })
  })

  it('logs in with a password (deploy)', async () => {
    const vars = { ...labVars(HOST, { ansible_user: 'deploy', ansible_password: labPassword() }) }
    delete vars.ansible_ssh_private_key_file
    const conn = connectionFor(`${HOST}-pw`, vars, { pool })
    expect((await conn.run('id -un')).stdout).toBe('deploy\n')
  })

  it('refuses a wrong password with a one-line reason and no password in it', async () => {
    const vars = labVars(HOST, { ansible_user: 'deploy', ansible_password: 'not-the-password-42' })
    delete vars.ansible_ssh_private_key_file
    const err = await connectionFor(`${HOST}-badpw`, vars, { pool }).run('true').catch((e) => e)
    expect(err).toBeInstanceOf(UnreachableError)
    expect(err.message).toMatch(/^authentication failed for deploy@[\d.]+:22 \(tried: .*password\)$/)
    expect(err.message).not.toContain('not-the-password-42')
  })

  describe('with a passphrase-protected key', () => {
    const key = join(dir, 'id_pass')
    beforeAll(async () => {
      execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', 'correct horse', '-f', key])
      const root = connectionFor(HOST, labVars(HOST), { pool })
      const add = await root.run('cat >> /root/.ssh/authorized_keys', { stdin: readFileSync(`${key}.pub`) })
      expect(add.rc).toBe(0)
    })

    it('logs in when given the passphrase', async () => {
      const p = newPool({ passphrase: 'correct horse' })
      const conn = connectionFor(HOST, labVars(HOST, { ansible_ssh_private_key_file: key }), { pool: p })
      expect((await conn.run('echo ok')).stdout).toBe('ok\n')
      await p.closeAll()
    })

    it('names the key and the problem when the passphrase is missing or wrong', async () => {
      for (const [passphrase, problem] of [
        [undefined, 'encrypted, no passphrase given'],
        ['wrong', 'wrong passphrase'],
      ] as const) {
        const p = newPool({ passphrase })
        const conn = connectionFor(HOST, labVars(HOST, { ansible_ssh_private_key_file: key }), { pool: p })
        const err = await conn.run('true').catch((e) => e)
        expect(err).toBeInstanceOf(UnreachableError)
        expect(err.message).toContain(`${key}: ${problem}`)
        await p.closeAll()
      }
    })
  })

  it('logs in with an RSA key', async () => {
    const rsa = join(dir, 'id_rsa')
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', rsa])
    const root = connectionFor(HOST, labVars(HOST), { pool })
    expect((await root.run('cat >> /root/.ssh/authorized_keys', { stdin: readFileSync(`${rsa}.pub`) })).rc).toBe(0)
    const p = newPool()
    const conn = connectionFor(HOST, labVars(HOST, { ansible_ssh_private_key_file: rsa }), { pool: p })
    expect((await conn.run('echo rsa')).stdout).toBe('rsa\n')
    await p.closeAll()
  })

  it('logs in through ssh-agent (SSH_AUTH_SOCK) with no key file', async () => {
    const sock = join(dir, 'agent.sock')
    agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' })
    for (let i = 0; i < 50 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 20))
    execFileSync('ssh-add', ['-q', labInfo().key], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' })
    const vars = labVars(HOST)
    delete vars.ansible_ssh_private_key_file
    const p = newPool({ agent: sock })
    const conn = connectionFor(HOST, vars, { pool: p })
    expect((await conn.run('echo via-agent')).stdout).toBe('via-agent\n')
    await p.closeAll()
  })
})
