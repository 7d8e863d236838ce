// YAML with vault, on top of the one YAML reading (util/yaml.ts): a whole-file vault is decrypted first,
// inline `!vault |` values are decrypted in place. Every decrypted value goes into the keyring's
// SecretRegistry so output can be redacted later. Error messages about a decrypted file never quote its
// text, only file, line and reason.
import type { SourcePosition } from '../errors.js'
import { VaultError } from '../errors.js'
import { loadYaml, type YamlOptions } from '../util/yaml.js'
import { isVaultText } from './format.js'
import type { VaultKeyring } from './keyring.js'
import yaml from 'js-yaml'

/** Leaves of a whole-file vault shorter than this are not masked on their own (`yes`, `80`, `ok`). */
const MIN_FILE_LEAF_LENGTH = 4

/** A file's text to parse: a whole-file vault's plaintext (decrypted), or the text itself. */
export function vaultFileText(text: string, file: string, keyring: VaultKeyring): { text: string; decrypted: boolean } {
  if (!isVaultText(text.trimStart())) return { text, decrypted: false }
  return { text: keyring.decrypt(text.trimStart(), { file }).plaintext.toString('utf8'), decrypted: true }
}

export interface VaultYamlOptions {
  listener?: YamlOptions['listener']
  /** Where a bad `!vault` value is (default: the line of the node being read). */
  where?: () => SourcePosition
  /** The text is a decrypted whole-file vault: its leaves are secrets too, and errors say so. */
  decrypted?: boolean
}

/** Parses YAML text (already out of any whole-file vault), decrypting `!vault` values with `keyring`. */
export function loadVaultYaml(text: string, file: string, keyring: VaultKeyring, options: VaultYamlOptions = {}): unknown {
  let line = 0 // the last node opened before a scalar's construct() is that scalar
  const listener: YamlOptions['listener'] = (event, state) => {
    if (event === 'open') line = state.line + 1
    options.listener?.(event, state)
  }
  const where = options.where ?? (() => ({ file, line }))
  const data = loadYaml(text, file, { listener, types: [vaultTag(keyring, where)], label: options.decrypted ? `${file} (decrypted)` : file })
  if (options.decrypted) keyring.registry.addLeaves(data, { minLength: MIN_FILE_LEAF_LENGTH })
  return data
}

/** A YAML file that may be a whole-file vault or hold `!vault` values, decrypted with `keyring`. */
export function loadVaultAwareYaml(text: string, file: string, keyring: VaultKeyring): unknown {
  const opened = vaultFileText(text, file, keyring)
  return loadVaultYaml(opened.text, file, keyring, { decrypted: opened.decrypted })
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
