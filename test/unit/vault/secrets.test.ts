import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { encryptVault } from '../../../src/vault/crypto.js'
import { readLine } from '../../../src/vault/prompt.js'
import { loadVaultSecrets, splitVaultId } from '../../../src/vault/secrets.js'
import { fixturesDir } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-secrets-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, content: string | Buffer, mode = 0o600) => {
  const path = join(dir, name)
  writeFileSync(path, content, { mode })
  return path
}
const text = (b: Buffer) => b.toString('utf8')

describe('vault password sources', () => {
  it('reads a password file, stripping surrounding whitespace, with id default', async () => {
    const [secret] = await loadVaultSecrets({ passwordFiles: [file('p1', '  pass word \r\n\n')] })
    expect(secret.id).toBe('default')
    expect(text(secret.password)).toBe('pass word')
  })

  it('keeps --vault-id order first, then password files, with their labels', async () => {
    const secrets = await loadVaultSecrets({
      vaultIds: [`prod@${fixturesDir}password-prod.txt`, `${fixturesDir}password.txt`],
      passwordFiles: [file('p2', 'third')],
    })
    expect(secrets.map((s) => [s.id, text(s.password)])).toEqual([
      ['prod', 'second-test-password'],
      ['default', 'tsplay-test-password'],
      ['default', 'third'],
    ])
  })

  it('runs an executable and uses its stdout; a *-client script gets --vault-id', async () => {
    const script = file('pw.sh', '#!/bin/sh\nprintf "from-script\\n"\n', 0o700)
    const client = file('vault-client.sh', '#!/bin/sh\n[ "$1 $2" = "--vault-id prod" ] || exit 2\necho client-pw\n', 0o700)
    const secrets = await loadVaultSecrets({ vaultIds: [`prod@${client}`], passwordFiles: [script] })
    expect(secrets.map((s) => text(s.password))).toEqual(['client-pw', 'from-script'])
    await expect(loadVaultSecrets({ vaultIds: [`dev@${client}`] })).rejects.toThrowError(/has no secret for vault id 'dev'/)
  })

  it('reports a failing script, a missing file and an empty password without printing anything secret', async () => {
    const failing = file('fail.sh', '#!/bin/sh\necho leaked-pw\nexit 3\n', 0o700)
    await expect(loadVaultSecrets({ passwordFiles: [failing] })).rejects.toThrowError(/fail\.sh failed \(exit 3\)$/)
    await expect(loadVaultSecrets({ passwordFiles: [join(dir, 'nope')] })).rejects.toThrowError(/vault password file .*nope was not found/)
    await expect(loadVaultSecrets({ passwordFiles: [file('empty', '\n')] })).rejects.toThrowError(/is empty/)
    await expect(loadVaultSecrets({ vaultIds: ['a;b@x'] })).rejects.toThrowError(/';' is not allowed/)
  })

  it('decrypts a vaulted password file with a password given before it', async () => {
    const inner = file('inner.vault', encryptVault('inner-pw\n', Buffer.from('tsplay-test-password')))
    const secrets = await loadVaultSecrets({ vaultIds: [`${fixturesDir}password.txt`, `inner@${inner}`] })
    expect(text(secrets[1].password)).toBe('inner-pw')
  })

  it('prompts with the vault id, and only when asked or nothing else was given', async () => {
    const asked: string[] = []
    const prompt = async (q: string) => (asked.push(q), 'typed')
    expect(await loadVaultSecrets({ passwordFiles: [file('p3', 'x')], autoPrompt: true, prompt })).toHaveLength(1)
    expect(asked).toEqual([])
    const secrets = await loadVaultSecrets({ vaultIds: ['ops@prompt'], askVaultPass: true, prompt })
    expect(asked).toEqual(['Vault password (ops): ', 'Vault password: '])
    expect(secrets.map((s) => [s.id, s.source])).toEqual([['ops', 'prompt'], ['default', 'prompt']])
  })

  it('splits vault ids like ansible', () => {
    expect(splitVaultId('prod@/a@b')).toEqual({ label: 'prod', source: '/a@b' })
    expect(splitVaultId('/a/file')).toEqual({ source: '/a/file' })
  })
})

describe('readLine (the prompt without a terminal)', () => {
  it('reads one line without echo, handling backspace', async () => {
    const input = new PassThrough()
    const output = new PassThrough()
    let shown = ''
    output.on('data', (d) => (shown += d))
    const line = readLine(input, output, 'Vault password: ')
    input.write('secrx\u007ft\r')
    expect(await line).toBe('secrt')
    expect(shown).toBe('Vault password: \n')
  })

  it('fails on EOF and ctrl-c', async () => {
    const eof = new PassThrough()
    const pending = readLine(eof, new PassThrough(), '? ')
    eof.end()
    await expect(pending).rejects.toThrowError(/EOF/)
    const intr = new PassThrough()
    const interrupted = readLine(intr, new PassThrough(), '? ')
    intr.write('ab\u0003')
    await expect(interrupted).rejects.toThrowError(/interrupted/)
  })
})

describe('keyringFromOptions (run, exec, inventory)', () => {
  it('builds a keyring from the shared flags, registers the passwords, and never prompts by itself', async () => {
    const { keyringFromOptions } = await import('../../../src/cli/vault-options.js')
    const ring = await keyringFromOptions({ 'vault-pass-file': [`${fixturesDir}password.txt`], 'vault-id': [`prod@${fixturesDir}password-prod.txt`] })
    expect(ring.secrets.map((s) => s.id)).toEqual(['prod', 'default'])
    expect(ring.registry.redact('pw tsplay-test-password')).toBe('pw ********')
    const none = await keyringFromOptions({}, undefined, async () => {
      throw new Error('must not prompt')
    })
    expect(none.secrets).toEqual([])
  })
})
