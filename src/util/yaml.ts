// YAML as Ansible's loader reads it — the one YAML reading of tsplay: playbooks, task files, roles, vars
// files, inventories, -e @file, from_yaml. PyYAML's YAML 1.1 implicit types, not js-yaml's YAML 1.2
// defaults: `yes`/`on` are booleans, `0755` is octal 493, `1_000` is 1000, `1e3` (no dot) stays a string,
// `1:20` is sexagesimal 80, dates stay their text (ansible-inventory prints them as ISO strings).
// Ansible's own tags: `!unsafe` loads as UnsafeText (never templated), `!vault` as VaultedText (the
// ciphertext; readers with a vault password pass vault/yaml.ts's tag instead, which decrypts).
import yaml from 'js-yaml'
import { ConfigError, type SourcePosition } from '../errors.js'
import { UnsafeText, VaultedText } from './unsafe-text.js'

const bool = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s),
  construct: (s: string) => /^(?:yes|true|on)$/i.test(s),
  predicate: (v: unknown) => typeof v === 'boolean',
  represent: (v: object) => String(v),
})

const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/

function sexagesimal(digits: string): number {
  return digits.split(':').reduce((acc, part) => acc * 60 + Number(part), 0)
}

const int = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => INT.test(s),
  construct: (s: string) => {
    let t = s.replace(/_/g, '')
    let sign = 1
    if (t[0] === '-' || t[0] === '+') {
      if (t[0] === '-') sign = -1
      t = t.slice(1)
    }
    if (t === '0') return 0
    if (t.startsWith('0b')) return sign * parseInt(t.slice(2), 2)
    if (t.startsWith('0x')) return sign * parseInt(t.slice(2), 16)
    if (t[0] === '0') return sign * parseInt(t, 8)
    if (t.includes(':')) return sign * sexagesimal(t)
    return sign * Number(t)
  },
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  represent: (v: object) => String(v),
})

const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/

const float = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => FLOAT.test(s),
  construct: (s: string) => {
    const t = s.replace(/_/g, '').toLowerCase()
    const sign = t[0] === '-' ? -1 : 1
    const body = t.replace(/^[-+]/, '')
    if (body === '.inf') return sign * Infinity
    if (body === '.nan') return NaN
    if (body.includes(':')) {
      const [whole, frac] = body.split('.')
      return sign * (sexagesimal(whole) + Number(`0.${frac || '0'}`))
    }
    return sign * Number(body)
  },
  predicate: (v: unknown) => typeof v === 'number' && !Number.isInteger(v),
  represent: (v: object) => String(v),
})

const nullType = new yaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string) => /^(?:~|null|Null|NULL|)$/.test(s),
  construct: () => null,
  predicate: (v: unknown) => v === null,
  represent: () => 'null',
})

const unsafe = new yaml.Type('!unsafe', { kind: 'scalar', construct: (s: string | null) => new UnsafeText(s ?? '') })
const vault = new yaml.Type('!vault', { kind: 'scalar', construct: (s: string | null) => new VaultedText(s ?? '') })

// js-yaml exports its built-in types at runtime but its typings omit them
const builtin = (yaml as unknown as { types: Record<'merge' | 'binary' | 'omap' | 'pairs' | 'set' | 'timestamp', yaml.Type> }).types

export const ANSIBLE_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [nullType, bool, int, float, builtin.merge],
  explicit: [unsafe, vault, builtin.binary, builtin.omap, builtin.pairs, builtin.set, builtin.timestamp],
})

export interface YamlOptions {
  /** js-yaml's node listener (playbook/yaml.ts records positions with it). */
  listener?: (event: 'open' | 'close', state: { position: number; line: number; result: unknown }) => void
  /** Types replacing the schema's own of the same tag (vault/yaml.ts's decrypting `!vault`). */
  types?: yaml.Type[]
  /** Shown as the file in errors instead of `file` (a decrypted file's label). */
  label?: string
}

/** Every document of a multi-document stream (from_yaml_all), typed as loadYaml types one. */
export function loadYamlAll(text: string, file: string): unknown[] {
  try {
    return yaml.loadAll(text, undefined, { filename: file, schema: ANSIBLE_YAML_SCHEMA }).map((d) => d ?? null)
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error
    throw new ConfigError(`invalid YAML: ${error.reason}`, { file })
  }
}

/**
 * Loads one YAML document the way Ansible's loader types it. A syntax error is a ConfigError naming
 * file:line:column and js-yaml's reason (never its source snippet: the text may be decrypted secrets).
 */
export function loadYaml(text: string, file: string, options: YamlOptions = {}): unknown {
  const schema = options.types?.length ? ANSIBLE_YAML_SCHEMA.extend(options.types) : ANSIBLE_YAML_SCHEMA
  try {
    // An empty document is None for PyYAML (an empty task file is no tasks), undefined for js-yaml.
    return yaml.load(text, { filename: file, schema, ...(options.listener ? { listener: options.listener } : {}) } as yaml.LoadOptions) ?? null
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error
    const mark = (error as yaml.YAMLException & { mark?: { line: number; column: number } }).mark
    const position: SourcePosition = { file: options.label ?? file }
    if (mark) Object.assign(position, { line: mark.line + 1, column: mark.column + 1 })
    throw new ConfigError(`invalid YAML: ${error.reason}`, position)
  }
}
