// YAML with vault: inline `!vault |` values and whole-file vaults, decrypted at load time. Every decrypted
// value goes into the keyring's SecretRegistry so output can be redacted later. Error messages about a
// decrypted file never quote its text (js-yaml's snippets would), only file, line and reason.
import yaml from 'js-yaml'
import { ConfigError, VaultError, type SourcePosition } from '../errors.js'
import { isVaultText } from './format.js'
import type { VaultKeyring } from './keyring.js'

/** Leaves of a whole-file vault shorter than this are not masked on their own (`yes`, `80`, `ok`). */
const MIN_FILE_LEAF_LENGTH = 4

export function loadVaultAwareYaml(text: string, file: string, keyring: VaultKeyring): unknown {
  if (isVaultText(text.trimStart())) {
    const { plaintext } = keyring.decrypt(text.trimStart(), { file })
    const decrypted = plaintext.toString('utf8')
    const data = parse(decrypted, file, keyring, true)
    keyring.registry.addLeaves(data, { minLength: MIN_FILE_LEAF_LENGTH })
    return data
  }
  return parse(text, file, keyring, false)
}

/** For readers that take a whole-file vault as text (the inventory's vars files): decrypt, register its values. */
export function vaultFileDecrypter(keyring: VaultKeyring): (text: string, file: string) => string {
  return (text, file) => {
    const plain = keyring.decrypt(text.trimStart(), { file }).plaintext.toString('utf8')
    try {
      keyring.registry.addLeaves(yaml.load(plain), { minLength: MIN_FILE_LEAF_LENGTH })
    } catch {
      keyring.registry.add(plain) // not YAML: mask it whole
    }
    return plain
  }
}

/** The `!vault |` tag: decrypts with `keyring` and registers the plaintext as a secret. */
export function vaultTag(keyring: VaultKeyring, where: () => SourcePosition): yaml.Type {
  return new yaml.Type('!vault', {
    kind: 'scalar',
    construct: (ciphertext: string) => {
      if (typeof ciphertext !== 'string' || !isVaultText(ciphertext.trimStart())) {
        throw new VaultError("a '!vault' value must be the text printed by 'ansible-vault encrypt_string'", where())
      }
      const value = keyring.decrypt(ciphertext.trimStart(), where()).plaintext.toString('utf8')
      keyring.registry.add(value)
      return value
    },
  })
}

function parse(text: string, file: string, keyring: VaultKeyring, secretText: boolean): unknown {
  let line = 0 // set by the listener: the last node opened before a scalar's construct() is that scalar
  const tag = vaultTag(keyring, () => ({ file, line }))
  try {
    return yaml.load(text, {
      filename: file,
      schema: yaml.DEFAULT_SCHEMA.extend([tag]),
      listener(event, state) {
        if (event === 'open') line = state.line + 1
      },
    })
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const where: SourcePosition = { file: secretText ? `${file} (decrypted)` : file }
      if (error.mark) Object.assign(where, { line: error.mark.line + 1, column: error.mark.column + 1 })
      // never error.message: js-yaml embeds a source snippet, which for a decrypted file is secret text
      throw new ConfigError(`invalid YAML: ${error.reason}`, where)
    }
    throw error
  }
}
