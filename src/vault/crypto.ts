// VaultAES256 as ansible-vault writes it: PBKDF2-HMAC-SHA256 (10000 rounds, 32-byte salt) derives 80 bytes
// = AES-256 key | HMAC-SHA256 key | CTR IV. The plaintext is PKCS7-padded even though CTR needs no
// padding (ansible does; the format depends on it). The HMAC covers the raw ciphertext and is checked
// in constant time before anything is decrypted.
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'
import { VaultError, type SourcePosition } from '../errors.js'
import { decodePayload, encodePayload, formatEnvelope, isVaultText, type VaultEnvelope } from './format.js'

const ITERATIONS = 10_000
const KEY_LENGTH = 32
const IV_LENGTH = 16
const BLOCK = 16
const SALT_LENGTH = 32

interface Keys {
  cipherKey: Buffer
  hmacKey: Buffer
  iv: Buffer
}

function deriveKeys(password: Buffer, salt: Buffer): Keys {
  const derived = pbkdf2Sync(password, salt, ITERATIONS, 2 * KEY_LENGTH + IV_LENGTH, 'sha256')
  return {
    cipherKey: derived.subarray(0, KEY_LENGTH),
    hmacKey: derived.subarray(KEY_LENGTH, 2 * KEY_LENGTH),
    iv: derived.subarray(2 * KEY_LENGTH),
  }
}

function pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK)
  return Buffer.concat([data, Buffer.alloc(n, n)])
}

function unpad(data: Buffer, where: SourcePosition): Buffer {
  const n = data.length === 0 ? 0 : data[data.length - 1]
  const valid = data.length % BLOCK === 0 && n >= 1 && n <= BLOCK && data.subarray(data.length - n).every((b) => b === n)
  if (!valid) throw new VaultError('vault data has invalid padding after a valid HMAC (not written by ansible-vault?)', where)
  return data.subarray(0, data.length - n)
}

/** Encrypts to the vaulttext payload (outer hex, no header). `salt` is for tests only. */
export function encryptPayload(plaintext: Buffer, password: Buffer, salt: Buffer = randomBytes(SALT_LENGTH)): string {
  const { cipherKey, hmacKey, iv } = deriveKeys(password, salt)
  const cipher = createCipheriv('aes-256-ctr', cipherKey, iv)
  const ciphertext = Buffer.concat([cipher.update(pad(plaintext)), cipher.final()])
  const hmac = createHmac('sha256', hmacKey).update(ciphertext).digest()
  return encodePayload({ salt, hmac, ciphertext })
}

/**
 * Decrypts a payload with one password. Returns undefined when the HMAC does not match (wrong
 * password or modified data): the caller tries the next password. Format damage throws.
 */
export function decryptPayload(envelope: VaultEnvelope, password: Buffer, where: SourcePosition): Buffer | undefined {
  const { salt, hmac, ciphertext } = decodePayload(envelope.payloadHex, where)
  const { cipherKey, hmacKey, iv } = deriveKeys(password, salt)
  const expected = createHmac('sha256', hmacKey).update(ciphertext).digest()
  if (hmac.length !== expected.length || !timingSafeEqual(hmac, expected)) return undefined
  const decipher = createDecipheriv('aes-256-ctr', cipherKey, iv)
  return unpad(Buffer.concat([decipher.update(ciphertext), decipher.final()]), where)
}

/** The full text ansible-vault would write for this plaintext. */
export function encryptVault(plaintext: Buffer | string, password: Buffer, vaultId?: string): string {
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext
  if (isVaultText(data)) throw new VaultError('input is already vault-encrypted')
  return formatEnvelope(encryptPayload(data, password), vaultId)
}
