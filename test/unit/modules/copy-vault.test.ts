import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { encryptVault } from '../../../src/vault/crypto.js'
import { makeCtx } from './harness.js'

const base = mkdtempSync(join(tmpdir(), 'tsplay-copy-vault-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))

it('copy decrypts a vault-encrypted src (file or in a directory); without vault secrets it fails in Ansible\'s words', async () => {
  const vault = join(base, 'ctl/vault')
  mkdirSync(join(vault, 'folder'), { recursive: true })
  writeFileSync(join(vault, 'vault-file'), encryptVault('secret text\n', Buffer.from('pw')))
  writeFileSync(join(vault, 'readme.txt'), 'plain\n')
  writeFileSync(join(vault, 'folder/nested-vault-file'), encryptVault('nested\n', Buffer.from('pw')))
  mkdirSync(join(base, 'out'))
  const bare = makeCtx(new LocalConnection())
  const one = await runModule(modules.copy, bare, { src: join(vault, 'vault-file'), dest: join(base, 'out/file') })
  expect([one.status, one.msg]).toEqual(['failed', `A vault password or secret must be specified to decrypt ${join(vault, 'vault-file')}`])
  // a directory's own files come before its subdirectories (os.walk's order): vault-file is met before folder/
  const tree = await runModule(modules.copy, bare, { src: vault, dest: join(base, 'out') })
  expect(tree.msg).toBe(`A vault password or secret must be specified to decrypt ${join(vault, 'vault-file')}`)

  const ctx = makeCtx(new LocalConnection(), { decryptVault: () => Buffer.from('secret text\n') })
  expect((await runModule(modules.copy, ctx, { src: join(vault, 'vault-file'), dest: join(base, 'out/file') })).status).toBe('changed')
  expect(readFileSync(join(base, 'out/file'), 'utf8')).toBe('secret text\n')
  expect((await runModule(modules.copy, bare, { src: join(vault, 'vault-file'), dest: join(base, 'out/raw'), decrypt: false })).status).toBe('changed')
  expect(readFileSync(join(base, 'out/raw'), 'utf8')).toMatch(/^\$ANSIBLE_VAULT;1\.1;AES256/)
})
