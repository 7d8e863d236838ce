// Host key trust: unknown refused by default, accept-new records, a changed key is always refused.
import { afterAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectionFor } from '../../../src/connection/index.js'
import { UnreachableError } from '../../../src/errors.js'
import { labHost, labInfo } from '../lab-helpers.js'
import { labVars, newPool } from './conn-helpers.js'

const HOST = 'lab-3'

function labFingerprint(): string {
  const out = execFileSync('ssh-keygen', ['-l', '-F', labHost(HOST).ip, '-f', labInfo().knownHosts], { encoding: 'utf8' })
  return /SHA256:\S+/.exec(out)![0]
}

describe('host keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-hk-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  async function attempt(knownHosts: string, extra: Record<string, unknown> = {}, acceptNew = false) {
    const pool = newPool({ knownHostsFiles: [knownHosts], acceptNewHostKeys: acceptNew })
    try {
      return await connectionFor(HOST, labVars(HOST, extra), { pool }).run('echo in')
    } catch (e) {
      return e as Error
    } finally {
      await pool.closeAll()
    }
  }

  it('refuses an unknown key by default, printing its fingerprint and how to accept it', async () => {
    const kh = join(dir, 'empty')
    writeFileSync(kh, '')
    const err = await attempt(kh)
    expect(err).toBeInstanceOf(UnreachableError)
    expect((err as Error).message).toContain(`host key of ${labHost(HOST).ip} is not known: ED25519 ${labFingerprint()}`)
    expect((err as Error).message).toContain('--accept-new-host-keys')
    expect(readFileSync(kh, 'utf8')).toBe('')
  })

  it('accept-new records the key, then strict checking passes with it', async () => {
    const kh = join(dir, 'sub/known_hosts')
    expect(await attempt(kh, {}, true)).toEqual({ rc: 0, stdout: 'in\n', stderr: '' })
    const line = readFileSync(kh, 'utf8')
    expect(line.split(' ')[0]).toBe(labHost(HOST).ip)
    // OpenSSH agrees with what was recorded
    execFileSync('ssh-keygen', ['-F', labHost(HOST).ip, '-f', kh], { stdio: 'ignore' })
    expect(await attempt(kh)).toEqual({ rc: 0, stdout: 'in\n', stderr: '' })
    // ansible_ssh_common_args can ask for it too
    const kh2 = join(dir, 'via-args')
    const args = { ansible_ssh_common_args: `-o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=${kh2}` }
    expect(await attempt(join(dir, 'unused'), args)).toMatchObject({ rc: 0 })
    expect(readFileSync(kh2, 'utf8')).toBe(line)
  })

  it('refuses a CHANGED key always, even with accept-new or host key checking off', async () => {
    const other = join(dir, 'other')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other])
    const kh = join(dir, 'changed')
    writeFileSync(kh, `${labHost(HOST).ip} ${readFileSync(`${other}.pub`, 'utf8')}`)
    for (const [extra, acceptNew] of [[{}, false], [{}, true], [{ ansible_host_key_checking: false }, false]] as const) {
      const err = await attempt(kh, extra, acceptNew)
      expect(err).toBeInstanceOf(UnreachableError)
      expect((err as Error).message).toMatch(new RegExp(`^HOST KEY CHANGED for ${labHost(HOST).ip.replace(/\./g, '\\.')}: ${kh}:1 has SHA256:`))
      expect((err as Error).message).toContain(`the host offers ED25519 ${labFingerprint()}`)
    }
    expect(readFileSync(kh, 'utf8').split('\n').filter(Boolean)).toHaveLength(1) // nothing recorded
  })

  it('honours hashed known_hosts entries and @revoked', async () => {
    const kh = join(dir, 'hashed')
    writeFileSync(kh, readFileSync(labInfo().knownHosts))
    execFileSync('ssh-keygen', ['-q', '-H', '-f', kh], { stdio: 'ignore' })
    expect(readFileSync(kh, 'utf8')).not.toContain(labHost(HOST).ip)
    expect(await attempt(kh)).toMatchObject({ rc: 0 })
    const found = execFileSync('ssh-keygen', ['-F', labHost(HOST).ip, '-f', labInfo().knownHosts], { encoding: 'utf8' })
    const key = found.split('\n').find((l) => l && !l.startsWith('#'))!.split(' ').slice(1).join(' ')
    writeFileSync(kh, `${readFileSync(kh, 'utf8')}@revoked * ${key}\n`)
    expect(((await attempt(kh)) as Error).message).toMatch(/is REVOKED/)
  })
})
