import { describe, expect, it } from 'vitest'
import { ConfigError, VaultError } from '../../../src/errors.js'
import { encryptVault } from '../../../src/vault/crypto.js'
import { loadVaultAwareYaml } from '../../../src/vault/yaml.js'
import { defaultSecret, fixture, keyring, prodSecret } from './helpers.js'

describe('loadVaultAwareYaml', () => {
  it('decrypts inline !vault values made by ansible-vault encrypt_string (1.1 and 1.2) and registers them', () => {
    const ring = keyring(defaultSecret, prodSecret)
    const data = loadVaultAwareYaml(fixture('inline-vars.yml'), 'inline-vars.yml', ring)
    expect(data).toEqual({
      plain_user: 'admin',
      become_pass: 'become-Secret-123',
      ceph_key: 'multi\nline secret\n',
      nested: { list: ['plain'] },
    })
    expect(ring.registry.redact('pw=become-Secret-123 key="multi\\nline secret\\n"')).toBe('pw=******** key="********"')
    expect(ring.registry.redact('admin')).toBe('admin')
  })

  it('decrypts a whole-file vault and registers its leaf values', () => {
    const ring = keyring(defaultSecret, prodSecret)
    for (const name of ['ansible-1.1.yml', 'ansible-1.2-prod.yml']) {
      expect(loadVaultAwareYaml(fixture(name), name, ring)).toEqual({
        db_password: 's3cr3t-Db-pässword',
        etcd_token: 'etcd-cluster-token-0001',
        ports: [2379, 2380],
      })
    }
    expect(ring.registry.redact('token etcd-cluster-token-0001 on 2379')).toBe('token ******** on ********')
  })

  it('names file and line of an inline value that does not decrypt', () => {
    const other = encryptVault('x', Buffer.from('another password'))
    const text = `a: 1\nb:\n  c: !vault |\n${other.trimEnd().replace(/^/gm, '    ')}\n`
    try {
      loadVaultAwareYaml(text, 'host_vars/h1.yml', keyring(defaultSecret))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(VaultError)
      expect((error as VaultError).describe()).toMatch(/^host_vars\/h1\.yml:3: decryption failed/)
    }
  })

  it('says a password is missing when vault data meets an empty keyring', () => {
    expect(() => loadVaultAwareYaml(fixture('inline-vars.yml'), 'v.yml', keyring())).toThrowError(/no vault password was given/)
  })

  it('never quotes decrypted text in a YAML error of a whole-file vault', () => {
    const secret = 'hunter2-very-secret'
    const vault = encryptVault(`ok: 1\nbad: [${secret}\n`, defaultSecret.password)
    try {
      loadVaultAwareYaml(vault, 'secret.yml', keyring(defaultSecret))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      const text = (error as ConfigError).describe()
      expect(text).toMatch(/^secret\.yml \(decrypted\):\d+:\d+: invalid YAML/)
      expect(text).not.toContain('hunter2')
      expect((error as Error).message).not.toContain('hunter2')
    }
  })

  it('loads plain YAML unchanged and reports its errors with a position', () => {
    expect(loadVaultAwareYaml('a: [1, 2]\n', 'p.yml', keyring())).toEqual({ a: [1, 2] })
    expect(() => loadVaultAwareYaml('a: [1\n', 'p.yml', keyring())).toThrowError(ConfigError)
  })
})

describe('decryption cache', () => {
  it('decrypts the same value once per keyring, so reading a file twice costs one PBKDF2', () => {
    const ring = keyring(defaultSecret, prodSecret)
    const text = fixture('inline-vars.yml')
    const t0 = performance.now()
    const first = loadVaultAwareYaml(text, 'a.yml', ring)
    const cold = performance.now() - t0
    const t1 = performance.now()
    const second = loadVaultAwareYaml(text, 'a.yml', ring)
    const warm = performance.now() - t1
    expect(second).toEqual(first)
    expect(warm).toBeLessThan(cold / 2)
  })
})
