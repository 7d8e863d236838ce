import { describe, expect, it } from 'vitest'
import { VaultError } from '../../../src/errors.js'
import { decryptPayload, encryptPayload, encryptVault } from '../../../src/vault/crypto.js'
import { formatEnvelope, parseEnvelope } from '../../../src/vault/format.js'
import { defaultSecret, fixture, keyring, prodSecret } from './helpers.js'

const where = { file: 'x.yml' }

describe('vault crypto against files made by ansible-vault', () => {
  it('decrypts a 1.1 file', () => {
    const { plaintext, secret, envelope } = keyring(prodSecret, defaultSecret).decrypt(fixture('ansible-1.1.yml'), where)
    expect(plaintext.toString('utf8')).toBe(fixture('plain-vars.yml'))
    expect(secret.id).toBe('default')
    expect(envelope).toMatchObject({ version: '1.1', vaultId: undefined })
  })

  it('decrypts a 1.2 file with a label, trying the labelled password first', () => {
    const { plaintext, secret, envelope } = keyring(defaultSecret, prodSecret).decrypt(fixture('ansible-1.2-prod.yml'), where)
    expect(plaintext.toString('utf8')).toBe(fixture('plain-vars.yml'))
    expect(secret.id).toBe('prod')
    expect(envelope).toMatchObject({ version: '1.2', vaultId: 'prod' })
  })

  it('decrypts an empty plaintext and an exact block (full padding block)', () => {
    expect(keyring(defaultSecret).decrypt(fixture('ansible-empty.vault'), where).plaintext.length).toBe(0)
    expect(keyring(defaultSecret).decrypt(fixture('ansible-16bytes.vault'), where).plaintext.toString()).toBe('0123456789abcdef')
  })

  it('writes the same bytes as ansible-vault for the same salt', () => {
    // ansible-1.1.yml's salt is recoverable; re-encrypting with it must reproduce the file exactly
    const text = fixture('ansible-1.1.yml')
    const envelope = parseEnvelope(text, where)
    const salt = Buffer.from(Buffer.from(envelope.payloadHex, 'hex').toString('latin1').split('\n')[0], 'hex')
    expect(salt.length).toBe(32)
    const payload = encryptPayload(Buffer.from(fixture('plain-vars.yml')), defaultSecret.password, salt)
    expect(formatEnvelope(payload)).toBe(text)
  })

  it('formats 80-column lines, 1.1 for default and 1.2 with a label', () => {
    const v11 = encryptVault('hello', defaultSecret.password, 'default')
    const v12 = encryptVault('hello', prodSecret.password, 'prod')
    expect(v11.split('\n')[0]).toBe('$ANSIBLE_VAULT;1.1;AES256')
    expect(v12.split('\n')[0]).toBe('$ANSIBLE_VAULT;1.2;AES256;prod')
    for (const text of [v11, v12]) {
      expect(text.endsWith('\n')).toBe(true)
      const body = text.split('\n').slice(1, -1)
      expect(body.slice(0, -1).every((l) => l.length === 80)).toBe(true)
      expect(body.at(-1)!.length).toBeLessThanOrEqual(80)
    }
    expect(keyring(prodSecret).decrypt(v12, where).plaintext.toString()).toBe('hello')
  })

  it('refuses to encrypt data that is already a vault, and labels with ;', () => {
    expect(() => encryptVault(fixture('ansible-1.1.yml'), defaultSecret.password)).toThrowError(/already vault-encrypted/)
    expect(() => encryptVault('x', defaultSecret.password, 'a;b')).toThrowError(/not a valid vault id/)
  })
})

describe('wrong passwords and tampering', () => {
  it('names the file and the vault ids tried, never the password', () => {
    const wrong = { id: 'default', password: Buffer.from('not-the-password'), source: 'test' }
    try {
      keyring(wrong).decrypt(fixture('ansible-1.1.yml'), { file: 'group_vars/all.yml' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(VaultError)
      const text = (error as VaultError).describe()
      expect(text).toMatch(/^group_vars\/all\.yml: decryption failed/)
      expect(text).toContain("'default'")
      expect(text).not.toContain('not-the-password')
    }
  })

  // ~300 key derivations: give a loaded machine time (correctness, not speed, is asserted here)
  it('refuses every single-byte change of the encrypted body (HMAC or format check), never returns data', { timeout: 60_000 }, () => {
    const text = encryptVault('tiny secret', defaultSecret.password)
    const bodyStart = text.indexOf('\n') + 1
    const ring = keyring(defaultSecret)
    let refused = 0
    for (let i = bodyStart; i < text.length; i++) {
      if (text[i] === '\n') continue
      const flipped = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1)
      expect(() => ring.decrypt(flipped, { file: 'tampered.yml' }), `byte ${i}`).toThrowError(VaultError)
      refused++
    }
    expect(refused).toBeGreaterThan(300)
  })

  it('reports the HMAC failure for a flipped ciphertext digit, naming the file', () => {
    const text = fixture('ansible-1.1.yml')
    const i = text.length - 10
    const digit = text[i] === '0' ? '1' : '0'
    const tampered = text.slice(0, i) + digit + text.slice(i + 1)
    expect(() => keyring(defaultSecret).decrypt(tampered, { file: 'vars.yml' })).toThrowError(/decryption failed: the HMAC check failed/)
  })

  it('returns nothing from decryptPayload on HMAC mismatch', () => {
    const envelope = parseEnvelope(fixture('ansible-1.1.yml'), where)
    expect(decryptPayload(envelope, Buffer.from('nope'), where)).toBeUndefined()
  })

  it('rejects unknown versions, ciphers and non-vault text clearly', () => {
    const body = fixture('ansible-1.1.yml').split('\n').slice(1).join('\n')
    expect(() => parseEnvelope('$ANSIBLE_VAULT;1.0;AES256\n' + body, where)).toThrowError(/version '1.0'/)
    expect(() => parseEnvelope('$ANSIBLE_VAULT;1.1;AES\n' + body, where)).toThrowError(/cipher 'AES'/)
    expect(() => parseEnvelope('hello: world\n', where)).toThrowError(/not vault-encrypted/)
    expect(() => keyring().decrypt(fixture('ansible-1.1.yml'), where)).toThrowError(/no vault password was given/)
  })
})
