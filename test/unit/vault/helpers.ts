// Fixture access for the vault tests: files made once by ansible-vault (see fixtures/README.md).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { VaultKeyring, type VaultSecret } from '../../../src/vault/keyring.js'

export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url))
export const fixture = (name: string): string => readFileSync(fixturesDir + name, 'utf8')

export const defaultSecret: VaultSecret = { id: 'default', password: Buffer.from('tsplay-test-password'), source: 'test' }
export const prodSecret: VaultSecret = { id: 'prod', password: Buffer.from('second-test-password'), source: 'test' }
export const keyring = (...secrets: VaultSecret[]): VaultKeyring => new VaultKeyring(secrets)
