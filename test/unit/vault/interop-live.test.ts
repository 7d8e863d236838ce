// Live interop with the installed ansible-vault, both ways. The committed fixtures cover the
// ansible → tsplay direction without Ansible; this file re-checks both directions when it is installed.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseArgs } from '../../../src/cli/args.js'
import vaultCommand, { runVault } from '../../../src/cli/vault.js'
import { loadVaultAwareYaml } from '../../../src/vault/yaml.js'
import { defaultSecret, fixturesDir, keyring, prodSecret } from './helpers.js'
import { fakeIO } from './io.js'

const hasAnsible = spawnSync('sh', ['-c', 'command -v ansible-vault'], { stdio: 'ignore' }).status === 0
const PW = fixturesDir + 'password.txt'
const PROD = `prod@${fixturesDir}password-prod.txt`
const ansibleVault = (args: string[], input?: string): string =>
  execFileSync('ansible-vault', args, { input, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] })
const tsplay = async (argv: string[], stdin?: string): Promise<string> => {
  const io = fakeIO({ stdin })
  await runVault(parseArgs(argv, vaultCommand.options), io)
  return io.out()
}

describe.skipIf(!hasAnsible)(`interop with the installed ansible-vault${hasAnsible ? '' : ' (SKIPPED: ansible-vault not on PATH)'}`, { timeout: 60_000 }, () => {
  let dir = ''
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsplay-interop-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const plaintext = 'etcd_token: "tok-ä-123"\nlist: [1, 2]\n'

  it('ansible-vault decrypts what tsplay encrypts (1.1 and 1.2 with a label)', async () => {
    const v11 = join(dir, 'v11.yml')
    const v12 = join(dir, 'v12.yml')
    writeFileSync(v11, plaintext)
    writeFileSync(v12, plaintext)
    await tsplay(['encrypt', '--vault-password-file', PW, v11])
    await tsplay(['encrypt', '--vault-id', PROD, v12])
    expect(readFileSync(v12, 'utf8').split('\n')[0]).toBe('$ANSIBLE_VAULT;1.2;AES256;prod')
    expect(ansibleVault(['view', '--vault-password-file', PW, v11])).toBe(plaintext)
    expect(ansibleVault(['decrypt', '--vault-id', PROD, '--output', '-', v12])).toBe(plaintext)
  })

  it('ansible-vault decrypts tsplay encrypt_string output', async () => {
    const yaml = await tsplay(['encrypt_string', '--vault-id', PROD, '--name', 'pw', 's3cret value'])
    const envelope = yaml.split('\n').slice(1).map((l) => l.trim()).join('\n') + '\n'
    expect(ansibleVault(['decrypt', '--vault-id', PROD, '--output', '-'], envelope)).toBe('s3cret value')
  })

  it('tsplay decrypts what ansible-vault encrypts now, files and strings', async () => {
    const file = join(dir, 'a.yml')
    writeFileSync(file, plaintext)
    ansibleVault(['encrypt', '--vault-id', PROD, file])
    expect(await tsplay(['view', '--vault-id', PROD, file])).toBe(plaintext)
    const yaml = ansibleVault(['encrypt_string', '--vault-password-file', PW, '--name', 'token', 'live-token'])
    expect(loadVaultAwareYaml(yaml, 'live.yml', keyring(defaultSecret, prodSecret))).toEqual({ token: 'live-token' })
  })

  it('ansible-vault decrypts a file tsplay rekeyed', async () => {
    const file = join(dir, 'r.yml')
    writeFileSync(file, plaintext)
    await tsplay(['encrypt', '--vault-password-file', PW, file])
    await tsplay(['rekey', '--vault-password-file', PW, '--new-vault-id', PROD, file])
    expect(ansibleVault(['view', '--vault-id', PROD, file])).toBe(plaintext)
  })
})
