import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseArgs } from '../../../src/cli/args.js'
import vaultCommand, { runVault } from '../../../src/cli/vault.js'
import { TsplayError, UsageError, VaultError } from '../../../src/errors.js'
import { loadVaultAwareYaml } from '../../../src/vault/yaml.js'
import { defaultSecret, fixture, fixturesDir, keyring, prodSecret } from './helpers.js'
import { fakeIO } from './io.js'

const PW = ['--vault-password-file', fixturesDir + 'password.txt']
const PROD = ['--vault-id', `prod@${fixturesDir}password-prod.txt`]
const run = (argv: string[], io = fakeIO()) => runVault(parseArgs(argv, vaultCommand.options), io)
/** The one line the CLI would print for the error this run raises. */
const failure = (argv: string[], io = fakeIO()): Promise<string> =>
  run(argv, io).then(
    () => 'no error',
    (e: unknown) => (e instanceof TsplayError ? e.describe() : String(e)),
  )

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-vault-test-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('tsplay vault encrypt / decrypt / view', () => {
  it('encrypts in place (0600) and decrypts back, 1.1 by default and 1.2 with a vault id', async () => {
    const file = join(dir, 'vars.yml')
    writeFileSync(file, 'a: 1\n', { mode: 0o644 })
    expect(await run(['encrypt', ...PW, file])).toBe(0)
    expect(readFileSync(file, 'utf8')).toMatch(/^\$ANSIBLE_VAULT;1\.1;AES256\n/)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(await run(['decrypt', ...PW, file])).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe('a: 1\n')
    expect(await run(['encrypt', ...PROD, file])).toBe(0)
    expect(readFileSync(file, 'utf8')).toMatch(/^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/)
  })

  it('views ansible-made files of both formats', async () => {
    const io = fakeIO()
    await run(['view', ...PW, ...PROD, fixturesDir + 'ansible-1.1.yml', fixturesDir + 'ansible-1.2-prod.yml'], io)
    expect(io.out()).toBe(fixture('plain-vars.yml').repeat(2))
  })

  it('reads stdin and writes stdout with --output -', async () => {
    const enc = fakeIO({ stdin: 'from: stdin\n' })
    await run(['encrypt', ...PW], enc)
    const dec = fakeIO({ stdin: enc.out() })
    await run(['decrypt', ...PW, '--output', '-'], dec)
    expect(dec.out()).toBe('from: stdin\n')
  })

  it('refuses to encrypt twice, naming the file', async () => {
    const file = join(dir, 'v.yml')
    writeFileSync(file, fixture('ansible-1.1.yml'))
    expect(await failure(['encrypt', ...PW, file])).toMatch(/v\.yml: input is already vault-encrypted/)
  })

  it('changes no file when one of several fails to decrypt (wrong password), and leaves no temp file', async () => {
    const good = join(dir, 'good.yml')
    const other = join(dir, 'other.yml')
    writeFileSync(good, fixture('ansible-1.1.yml'))
    writeFileSync(other, fixture('ansible-1.2-prod.yml'))
    const error = await run(['decrypt', ...PW, good, other]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VaultError)
    expect((error as VaultError).describe()).toContain('other.yml: decryption failed')
    expect((error as VaultError).describe()).not.toContain('tsplay-test-password')
    expect(readFileSync(good, 'utf8')).toBe(fixture('ansible-1.1.yml'))
    expect(readdirSync(dir).sort()).toEqual(['good.yml', 'other.yml'])
  })

  it('refuses a tampered file with a VaultError and no output', async () => {
    const text = fixture('ansible-1.1.yml')
    const i = text.indexOf('\n', 40) + 5
    const tampered = text.slice(0, i) + (text[i] === '3' ? '4' : '3') + text.slice(i + 1)
    const file = join(dir, 'tampered.yml')
    writeFileSync(file, tampered)
    const io = fakeIO()
    expect(await failure(['view', ...PW, file], io)).toMatch(/tampered\.yml: decryption failed/)
    expect(io.out()).toBe('')
    expect(readFileSync(file, 'utf8')).toBe(tampered)
  })
})

describe('tsplay vault encrypt_string', () => {
  it('formats like ansible-vault and decrypts through the YAML loader', async () => {
    const io = fakeIO()
    await run(['encrypt_string', ...PROD, '--name', 'db_pass', 'p@ss w0rd'], io)
    const out = io.out()
    expect(out).toMatch(/^db_pass: !vault \|\n {10}\$ANSIBLE_VAULT;1\.2;AES256;prod\n( {10}[0-9a-f]{80}\n)+ {10}[0-9a-f]{1,80}$/)
    expect(loadVaultAwareYaml(out, 's.yml', keyring(prodSecret))).toEqual({ db_pass: 'p@ss w0rd' })
    expect(io.err()).toBe('')
  })

  it('reads stdin with --stdin-name, names several args, and notes each on stderr', async () => {
    const io = fakeIO({ stdin: 'from stdin\n' })
    await run(['encrypt_string', ...PW, '--stdin-name', 's', '-n', 'a', 'one', 'two'], io)
    const data = loadVaultAwareYaml(io.out().replace(/^!vault/m, 'c: !vault'), 'x.yml', keyring(defaultSecret))
    expect(data).toEqual({ s: 'from stdin\n', a: 'one', c: 'two' })
    expect(io.err()).toContain('# The encrypted version of variable ("s", the string #1 from stdin).')
    expect(io.err()).toContain('# The encrypted version of the string #3 from the command line args.)')
    expect(io.err()).not.toContain('one')
  })

  it('needs --encrypt-vault-id when several vault ids are given', async () => {
    expect(await failure(['encrypt_string', ...PW, ...PROD, 'x'])).toMatch(/choose one with --encrypt-vault-id/)
    const io = fakeIO()
    await run(['encrypt_string', ...PW, ...PROD, '--encrypt-vault-id', 'prod', 'x'], io)
    expect(io.out()).toContain('$ANSIBLE_VAULT;1.2;AES256;prod')
  })

  it('prompts twice for a new password when none is given, and refuses a mismatch', async () => {
    const io = fakeIO({ answers: ['typed-pw', 'typed-pw'] })
    await run(['encrypt_string', 'v'], io)
    expect(io.prompts).toEqual(['New vault password: ', 'Confirm new vault password: '])
    const ring = keyring({ id: 'default', password: Buffer.from('typed-pw'), source: 'prompt' })
    expect(loadVaultAwareYaml(`x: ${io.out()}`, 'x.yml', ring)).toEqual({ x: 'v' })
    await expect(run(['encrypt_string', 'v'], fakeIO({ answers: ['a-pw', 'b-pw'] }))).rejects.toThrowError(/do not match/)
  })
})

describe('tsplay vault rekey / edit / create', () => {
  it('rekeys to a new vault id, keeping the file mode', async () => {
    const file = join(dir, 'r.yml')
    writeFileSync(file, fixture('ansible-1.1.yml'))
    chmodSync(file, 0o640)
    await run(['rekey', ...PW, '--new-vault-id', `prod@${fixturesDir}password-prod.txt`, file])
    expect(readFileSync(file, 'utf8')).toMatch(/^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/)
    expect(statSync(file).mode & 0o777).toBe(0o640)
    expect(keyring(prodSecret).decrypt(readFileSync(file, 'utf8'), { file }).plaintext.toString()).toBe(fixture('plain-vars.yml'))
  })

  it('edits through $EDITOR, keeping password and label; no change means no write', async () => {
    const file = join(dir, 'e.yml')
    writeFileSync(file, fixture('ansible-1.2-prod.yml'))
    const editor = join(dir, 'editor.sh')
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/2380/2381/" "$1"\n', { mode: 0o755 })
    await run(['edit', ...PROD, file], fakeIO({ env: { PATH: process.env.PATH, EDITOR: editor } }))
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/)
    expect(keyring(prodSecret).decrypt(text, { file }).plaintext.toString()).toContain('ports: [2379, 2381]')
    await run(['edit', ...PROD, file], fakeIO({ env: { PATH: process.env.PATH, EDITOR: 'true' } }))
    expect(readFileSync(file, 'utf8')).toBe(text)
  })

  it('creates a new file (and its directory) and refuses an existing one', async () => {
    const file = join(dir, 'group_vars', 'all.yml')
    const env = { PATH: process.env.PATH, EDITOR: `sh -c 'printf "x: 1\\n" > "$1"' editor` }
    await run(['create', ...PW, file], fakeIO({ env }))
    expect(keyring(defaultSecret).decrypt(readFileSync(file, 'utf8'), { file }).plaintext.toString()).toBe('x: 1\n')
    await expect(run(['create', ...PW, file], fakeIO({ env }))).rejects.toThrowError(/exists/)
  })
})

describe('usage errors', () => {
  it('suggests the action and rejects options of other actions', async () => {
    expect(await failure(['encrpyt'])).toBe("unknown vault action 'encrpyt' (did you mean 'encrypt'?)")
    // a forgotten encrypt_string must not echo the secret that took its place
    expect(await failure(['hunter2-secret', '--vault-password-file', 'x'])).not.toContain('hunter2')
    await expect(run(['encrpyt'])).rejects.toThrowError(UsageError)
    await expect(run(['view', '--output', 'x', 'f'])).rejects.toThrowError(/--output is not valid/)
    await expect(run(['decrypt', '--output', 'x', 'a', 'b'])).rejects.toThrowError(/at most one input file/)
  })
})

describe('exit codes through main()', () => {
  it('a wrong password exits 1 with one line naming the file and no password', async () => {
    const { main } = await import('../../../src/cli/main.js')
    const bad = join(dir, 'bad-password.txt')
    writeFileSync(bad, 'wrong-password-xyz\n')
    const lines: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true))
    try {
      const code = await main(['vault', 'view', '--vault-password-file', bad, fixturesDir + 'ansible-1.1.yml'])
      expect(code).toBe(1)
    } finally {
      spy.mockRestore()
    }
    const text = lines.join('')
    expect(text).toMatch(/^tsplay: .*ansible-1\.1\.yml: decryption failed/)
    expect(text).not.toContain('wrong-password-xyz')
    expect(text).not.toContain('tsplay-test-password')
  })
})

describe('edit keeps the header format', () => {
  it('a 1.1 file decrypted by a labelled password stays 1.1', async () => {
    const file = join(dir, 'e11.yml')
    writeFileSync(file, fixture('ansible-1.1.yml'))
    const sameAsDefault = join(dir, 'same.txt')
    writeFileSync(sameAsDefault, 'tsplay-test-password\n')
    const env = { PATH: process.env.PATH, EDITOR: `sh -c 'echo "extra: 1" >> "$1"' editor` }
    await run(['edit', '--vault-id', `ops@${sameAsDefault}`, file], fakeIO({ env }))
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/^\$ANSIBLE_VAULT;1\.1;AES256\n/)
    expect(keyring(defaultSecret).decrypt(text, { file }).plaintext.toString()).toBe(fixture('plain-vars.yml') + 'extra: 1\n')
  })
})

describe('encrypt_string --prompt', () => {
  it('asks for the name (echoed) and the string (hidden), and refuses stdin at the same time', async () => {
    const asked: Array<[string, boolean | undefined]> = []
    const io = fakeIO()
    const answers = ['api_key', 'typed-secret']
    io.prompt = async (q, o) => (asked.push([q, o?.echo]), answers.shift()!)
    await run(['encrypt_string', ...PW, '--prompt'], io)
    expect(asked).toEqual([
      ['Variable name (enter for no name): ', true],
      ['String to encrypt (hidden): ', false],
    ])
    expect(loadVaultAwareYaml(io.out(), 'p.yml', keyring(defaultSecret))).toEqual({ api_key: 'typed-secret' })
    expect(await failure(['encrypt_string', ...PW, '--prompt', '-'])).toMatch(/--prompt option is not supported/)
  })
})
