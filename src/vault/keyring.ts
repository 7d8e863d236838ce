// The vault passwords of one run, and the one place that picks which to use. Decryption tries the
// secrets whose id matches the envelope's label first, then all others (ansible's default, since the
// label is not authenticated); encryption needs exactly one choice (--encrypt-vault-id when several).
import { VaultError, type SourcePosition } from '../errors.js'
import { decryptPayload, encryptVault } from './crypto.js'
import { DEFAULT_VAULT_ID, parseEnvelope, type VaultEnvelope } from './format.js'
import { SecretRegistry } from './redact.js'

export interface VaultSecret {
  id: string
  password: Buffer
  /** Where it came from, for messages: a file path or 'prompt'. Never the password. */
  source: string
}

export interface Decrypted {
  plaintext: Buffer
  secret: VaultSecret
  envelope: VaultEnvelope
}

export class VaultKeyring {
  // PBKDF2 costs milliseconds per value; the same file is often read twice (inventory, then play vars)
  private readonly cache = new Map<string, Decrypted>()

  constructor(
    readonly secrets: VaultSecret[] = [],
    /** Receives every password; loadVaultAwareYaml adds decrypted values here. */
    readonly registry: SecretRegistry = new SecretRegistry(),
  ) {
    for (const secret of secrets) registry.add(secret.password)
  }

  decrypt(text: string, where: SourcePosition): Decrypted {
    const envelope = parseEnvelope(text, where)
    if (this.secrets.length === 0) {
      throw new VaultError(
        'found vault-encrypted data but no vault password was given',
        where,
        'use --vault-password-file FILE, --vault-id LABEL@SOURCE or --ask-vault-pass',
      )
    }
    const key = `${envelope.vaultId ?? ''};${envelope.payloadHex}`
    const cached = this.cache.get(key)
    if (cached) return cached
    const label = envelope.vaultId ?? DEFAULT_VAULT_ID
    const ordered = [...this.secrets.filter((s) => s.id === label), ...this.secrets.filter((s) => s.id !== label)]
    for (const secret of ordered) {
      const plaintext = decryptPayload(envelope, secret.password, where)
      if (plaintext) {
        const result = { plaintext, secret, envelope }
        this.cache.set(key, result)
        return result
      }
    }
    const ids = [...new Set(this.secrets.map((s) => s.id))].map((id) => `'${id}'`).join(', ')
    throw new VaultError(
      `decryption failed: the HMAC check failed with every vault password given (vault ids tried: ${ids})`,
      where,
      `wrong password${envelope.vaultId ? ` for vault id '${envelope.vaultId}'` : ''}, or the encrypted data was modified`,
    )
  }

  /** ansible's match_encrypt_secret plus the CLI's "several ids need --encrypt-vault-id" rule. */
  encryptSecret(encryptVaultId?: string): VaultSecret {
    if (encryptVaultId) {
      const match = this.secrets.find((s) => s.id === encryptVaultId)
      if (match) return match
      const known = this.secrets.map((s) => `'${s.id}'`).join(', ') || 'none'
      throw new VaultError(`no vault password with vault id '${encryptVaultId}' to encrypt with (known vault ids: ${known})`)
    }
    if (this.secrets.length === 0) {
      throw new VaultError('a vault password is required to encrypt', undefined, 'use --vault-password-file FILE or --vault-id LABEL@SOURCE')
    }
    const ids = [...new Set(this.secrets.map((s) => s.id))]
    if (ids.length > 1) {
      throw new VaultError(`the vault ids ${ids.join(', ')} are available to encrypt with`, undefined, 'choose one with --encrypt-vault-id')
    }
    return this.secrets[0]
  }

  encrypt(plaintext: Buffer | string, secret: VaultSecret = this.encryptSecret()): string {
    return encryptVault(plaintext, secret.password, secret.id)
  }
}
