// Unreachable is its own error with a one-line reason; a command's non-zero rc is not an error.
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectionFor } from '../../../src/connection/index.js'
import { labStart, labStop } from '../../../src/lab/index.js'
import { UnreachableError } from '../../../src/errors.js'
import { labHost, labInfo } from '../lab-helpers.js'
import { labVars, newPool } from './conn-helpers.js'

describe('unreachable hosts', () => {
  it('connection refused', async () => {
    const pool = newPool()
    const err = await connectionFor('lab-1', labVars('lab-1', { ansible_port: 2222 }), { pool }).run('true').catch((e) => e)
    expect(err).toBeInstanceOf(UnreachableError)
    expect(err.host).toBe('lab-1')
    expect(err.message).toBe(`connection refused by ${labHost('lab-1').ip}:2222 (is sshd running on that port?)`)
  })

  it('a key the host does not accept is an authentication failure naming what was tried', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsplay-unr-'))
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'stranger')])
    const pool = newPool()
    const vars = labVars('lab-1', { ansible_ssh_private_key_file: join(dir, 'stranger') })
    const err = await connectionFor('lab-1', vars, { pool }).run('true').catch((e) => e)
    rmSync(dir, { recursive: true })
    expect(err).toBeInstanceOf(UnreachableError)
    expect(err.message).toBe(`authentication failed for root@${labHost('lab-1').ip}:22 (tried: key ${join(dir, 'stranger')})`)
  })

  it('a public key given as the private key is named as unusable', async () => {
    const pool = newPool()
    const vars = labVars('lab-1', { ansible_ssh_private_key_file: `${labInfo().key}.pub` })
    const err = await connectionFor('lab-1', vars, { pool }).run('true').catch((e) => e)
    expect(err).toBeInstanceOf(UnreachableError)
    expect(err.message).toBe(`no credentials for root@${labHost('lab-1').ip}: no agent, usable key or password (${labInfo().key}.pub: not a private key)`)
  })

  it('a non-zero rc is a result, and a host that dies mid-run becomes unreachable', async () => {
    const pool = newPool()
    const conn = connectionFor('lab-3', labVars('lab-3'), { pool })
    expect(await conn.run('exit 3')).toEqual({ rc: 3, stdout: '', stderr: '' })
    const running = conn.run('sleep 30').catch((e) => e)
    await labStop('lab-3', { name: labInfo().name })
    try {
      const err = await running
      expect(err).toBeInstanceOf(UnreachableError)
      expect(err.message).toMatch(/^connection to lab-3 lost/)
      await expect(conn.run('true')).rejects.toThrow(/connection to lab-3 lost/)
    } finally {
      await labStart('lab-3', { name: labInfo().name })
      await pool.closeAll()
    }
  })
})
