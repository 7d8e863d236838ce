// -e: `k=v k2=v2`, inline YAML/JSON, or @file — later ones win, as in Ansible.
import { readFileSync } from 'node:fs'
import { ConfigError } from '../errors.js'
import { parseKv } from '../playbook/kv.js'
import type { Vars } from '../playbook/model.js'
import type { VaultKeyring } from '../vault/keyring.js'
import { loadVaultAwareYaml } from '../vault/yaml.js'

/** `keyring` decrypts an @file that is a vault or holds `!vault` values, as ansible-playbook does. */
export function parseExtraVars(values: string[], keyring: VaultKeyring): Vars {
  const out: Vars = {}
  for (const value of values) Object.assign(out, parseOne(value.trim(), keyring))
  return out
}

function parseOne(value: string, keyring: VaultKeyring): Vars {
  if (value.startsWith('@')) {
    const file = value.slice(1)
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      throw new ConfigError(`extra vars file not found: ${file}`, { file })
    }
    return mapping(text, file, keyring)
  }
  if (value.startsWith('{') || value.startsWith('[')) return mapping(value, '-e', keyring)
  const kv = parseKv(value, false, { file: '-e' })
  if (kv._raw_params !== undefined) throw new ConfigError(`-e '${value}': expected k=v pairs, YAML/JSON or @file`, { file: '-e' })
  return kv
}

function mapping(text: string, file: string, keyring: VaultKeyring): Vars {
  const data = loadVaultAwareYaml(text, file, keyring)
  if (data === null || data === undefined) return {}
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError('extra vars must be a mapping of names to values', { file })
  return data as Vars
}
