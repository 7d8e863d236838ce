// Reading YAML files for the loader: playbooks, task files, vars files. Parsed files are cached by
// absolute path for one load (a role used twice is read once).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { ConfigError, type SourcePosition } from '../errors.js'
import { describe } from '../util/describe.js'
import type { Vars } from './model.js'
import { parseYaml, type ParsedYaml } from './yaml.js'
import type { VaultKeyring } from '../vault/keyring.js'

export class FileCache {
  private readonly parsed = new Map<string, ParsedYaml>()

  /** `keyring` decrypts vault files and `!vault` values (none: vault data is an error). */
  constructor(private readonly keyring?: VaultKeyring) {}

  /** Parses a YAML file (cached); a missing file is a ConfigError pointing at `from`. */
  read(path: string, from?: SourcePosition, what = 'file'): ParsedYaml {
    const abs = resolve(path)
    let parsed = this.parsed.get(abs)
    if (parsed) return parsed
    if (!existsSync(abs) || !statSync(abs).isFile()) throw new ConfigError(`${what} not found: ${displayPath(abs)}`, from)
    parsed = parseYaml(readFileSync(abs, 'utf8'), displayPath(abs), this.keyring)
    this.parsed.set(abs, parsed)
    return parsed
  }
}

/** The first of `names` (e.g. main.yml, main.yaml, main) that exists in `dir`. */
export function findMain(dir: string, base = 'main'): string | undefined {
  for (const name of [`${base}.yml`, `${base}.yaml`, base]) {
    const path = resolve(dir, name)
    if (existsSync(path) && statSync(path).isFile()) return path
  }
  return undefined
}

/** A vars file (vars_files, include_vars, role defaults/vars): a mapping or empty. */
export function loadVarsFile(path: string, from?: SourcePosition, cache = new FileCache()): Vars {
  const { data, map } = cache.read(path, from, 'vars file')
  if (data === undefined || data === null) return {}
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`vars file must be a mapping of names to values, got ${describe(data)}`, map.of(data))
  }
  for (const key of Object.keys(data)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new ConfigError(`invalid variable name '${key}'`, map.key(data, key), 'names are letters, digits and _')
  }
  return data as Vars
}

/** Paths in messages: relative to the working directory when under it, else absolute. */
export function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs)
  return rel === '' || rel.startsWith('..') ? abs : rel
}
