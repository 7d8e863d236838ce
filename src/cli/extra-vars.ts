// -e: `k=v k2=v2`, inline YAML/JSON, or @file — later ones win, as in Ansible.
import { readFileSync } from 'node:fs'
import yaml from 'js-yaml'
import { ConfigError } from '../errors.js'
import { parseKv } from '../playbook/kv.js'
import type { Vars } from '../playbook/model.js'

export function parseExtraVars(values: string[]): Vars {
  const out: Vars = {}
  for (const value of values) Object.assign(out, parseOne(value.trim()))
  return out
}

function parseOne(value: string): Vars {
  if (value.startsWith('@')) {
    const file = value.slice(1)
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      throw new ConfigError(`extra vars file not found: ${file}`, { file })
    }
    return mapping(text, file)
  }
  if (value.startsWith('{') || value.startsWith('[')) return mapping(value, '-e')
  const kv = parseKv(value, false, { file: '-e' })
  if (kv._raw_params !== undefined) throw new ConfigError(`-e '${value}': expected k=v pairs, YAML/JSON or @file`, { file: '-e' })
  return kv
}

function mapping(text: string, file: string): Vars {
  let data: unknown
  try {
    data = yaml.load(text)
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark
    throw new ConfigError(`cannot parse extra vars: ${(error as Error).message.split('\n')[0]}`, { file, line: mark ? mark.line + 1 : undefined })
  }
  if (data === null || data === undefined) return {}
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError('extra vars must be a mapping of names to values', { file })
  return data as Vars
}
