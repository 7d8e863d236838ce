// The ansible-vault envelope: a `$ANSIBLE_VAULT;1.1;AES256` (or `;1.2;AES256;label`) header line, then
// the hex-encoded vaulttext in 80-column lines. Mirrors lib/ansible/parsing/vault/__init__.py
// (format_vaulttext_envelope / parse_vaulttext_envelope / parse_vaulttext).
import { VaultError, type SourcePosition } from '../errors.js'

export const VAULT_HEADER = '$ANSIBLE_VAULT'
export const DEFAULT_VAULT_ID = 'default'
const LINE_WIDTH = 80

export interface VaultEnvelope {
  version: '1.1' | '1.2'
  cipher: 'AES256'
  /** The label of a 1.2 envelope; `undefined` for 1.1 (ansible then treats it as 'default'). */
  vaultId?: string
  /** The outer hex payload with line breaks removed (still hex: ansible hexlifies twice). */
  payloadHex: string
}

/** The three parts ansible joins with '\n' inside the outer hex layer. */
export interface VaultPayload {
  salt: Buffer
  hmac: Buffer
  ciphertext: Buffer
}

/** True when the data starts like a vault (ansible's is_encrypted: the header, ascii only). */
export function isVaultText(data: string | Buffer): boolean {
  const text = typeof data === 'string' ? data : data.subarray(0, VAULT_HEADER.length).toString('latin1')
  return text.startsWith(VAULT_HEADER)
}

export function parseEnvelope(text: string, where: SourcePosition): VaultEnvelope {
  const lines = text.split(/\r\n|\r|\n/)
  const header = lines[0].trim().split(';').map((part) => part.trim())
  if (header[0] !== VAULT_HEADER) {
    throw new VaultError(`not vault-encrypted data (it does not start with '${VAULT_HEADER}')`, where)
  }
  const [, version, cipher, vaultId] = header
  if (version !== '1.1' && version !== '1.2') {
    throw new VaultError(`unsupported vault format version '${version ?? ''}' (expected 1.1 or 1.2)`, where)
  }
  if (cipher !== 'AES256') {
    throw new VaultError(`unsupported vault cipher '${cipher ?? ''}' (only AES256 is supported, as in ansible-vault)`, where)
  }
  // Whitespace inside the body carries no data; dropping it also accepts YAML-folded inline values.
  const payloadHex = lines.slice(1).join('').replace(/\s+/g, '')
  if (payloadHex === '') throw new VaultError('vault data has a header but no encrypted body', where)
  return { version, cipher, vaultId: vaultId === undefined || vaultId === '' ? undefined : vaultId, payloadHex }
}

export function formatEnvelope(payloadHex: string, vaultId?: string): string {
  // ansible: a vault id other than 'default' bumps the format to 1.2 and is written as the label.
  const labelled = vaultId !== undefined && vaultId !== '' && vaultId !== DEFAULT_VAULT_ID
  if (labelled && /[;\r\n]/.test(vaultId)) {
    throw new VaultError(`'${vaultId}' is not a valid vault id: ';' and line breaks are not allowed`)
  }
  const header = labelled ? `${VAULT_HEADER};1.2;AES256;${vaultId}` : `${VAULT_HEADER};1.1;AES256`
  const lines = [header]
  for (let i = 0; i < payloadHex.length; i += LINE_WIDTH) lines.push(payloadHex.slice(i, i + LINE_WIDTH))
  return lines.join('\n') + '\n'
}

/** Undoes both hex layers: hex(hex(salt) '\n' hex(hmac) '\n' hex(ciphertext)). */
export function decodePayload(payloadHex: string, where: SourcePosition): VaultPayload {
  const inner = unhex(payloadHex, 'vault body', where).toString('latin1')
  const first = inner.indexOf('\n')
  const second = first === -1 ? -1 : inner.indexOf('\n', first + 1)
  if (first === -1 || second === -1) {
    throw new VaultError('vault format error: the decoded body should hold salt, HMAC and ciphertext', where)
  }
  return {
    salt: unhex(inner.slice(0, first), 'salt', where),
    hmac: unhex(inner.slice(first + 1, second), 'HMAC', where),
    ciphertext: unhex(inner.slice(second + 1), 'ciphertext', where),
  }
}

export function encodePayload(payload: VaultPayload): string {
  const inner = [payload.salt, payload.hmac, payload.ciphertext].map((b) => b.toString('hex')).join('\n')
  return Buffer.from(inner, 'latin1').toString('hex')
}

// Buffer.from(x, 'hex') silently stops at the first bad digit; a tampered byte must be an error instead.
function unhex(text: string, what: string, where: SourcePosition): Buffer {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new VaultError(`vault format error: the ${what} is not valid hex (the data is damaged or was modified)`, where)
  }
  return Buffer.from(text, 'hex')
}
