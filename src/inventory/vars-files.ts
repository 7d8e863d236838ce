// group_vars/ and host_vars/ beside an inventory source (ansible's host_group_vars vars plugin and
// DataLoader.find_vars_files): for NAME the first of NAME (file or directory), NAME.yml, NAME.yaml,
// NAME.json; a directory contributes every file below it (sorted, recursive, hidden and ~ files
// skipped, only .yml/.yaml/.json or extension-less files).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import { ConfigError } from '../errors.js'
import { loadYaml } from '../util/yaml.js'
import type { VaultKeyring } from '../vault/keyring.js'
import { loadVaultYaml, vaultFileText } from '../vault/yaml.js'
import { KeyLines } from './yaml.js'

export const VARS_EXTENSIONS = ['.yml', '.yaml', '.json']

export interface VarsFile {
  path: string
  vars: Record<string, unknown>
  lines: Map<string, number>
}

const NONE: VarsFile[] = []

export class VarsDir {
  private readonly entries: Map<string, Set<string>> = new Map()
  private readonly cache = new Map<string, VarsFile[]>()

  /** @param basedir the inventory source's directory (or the playbook's, for play-adjacent vars) */
  constructor(
    readonly basedir: string,
    private readonly keyring?: VaultKeyring,
  ) {
    for (const sub of ['group_vars', 'host_vars']) {
      const dir = join(basedir, sub)
      let names: string[] = []
      try {
        if (statSync(dir).isDirectory()) names = readdirSync(dir)
      } catch {
        // no such directory: nothing to add
      }
      this.entries.set(sub, new Set(names))
    }
  }

  groupFiles(name: string): VarsFile[] {
    return this.files('group_vars', name)
  }

  hostFiles(name: string): VarsFile[] {
    return this.files('host_vars', name)
  }

  private files(sub: 'group_vars' | 'host_vars', name: string): VarsFile[] {
    const present = this.entries.get(sub)!
    if (present.size === 0) return NONE
    const key = `${sub}/${name}`
    const cached = this.cache.get(key)
    if (cached) return cached
    let found: string[] = []
    // avoid 'chroot'-style names like /path/to/chroot, as Ansible does
    if (!name.startsWith('/')) {
      for (const ext of ['', ...VARS_EXTENSIONS]) {
        if (!present.has(name + ext)) continue
        const full = join(this.basedir, sub, name + ext)
        found = statSync(full).isDirectory() ? dirFiles(full) : [full]
        break
      }
    }
    const loaded = found.map((f) => loadVarsFile(f, this.keyring)).filter((f): f is VarsFile => f !== undefined)
    this.cache.set(key, loaded)
    return loaded
  }
}

function dirFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name.endsWith('~')) continue
    const full = join(dir, name)
    const ext = extname(name)
    const st = statSync(full)
    if (st.isDirectory() && !ext) out.push(...dirFiles(full))
    else if (st.isFile() && (!ext || VARS_EXTENSIONS.includes(ext))) out.push(full)
  }
  return out
}

/**
 * One vars file: a mapping, or undefined when empty (Ansible ignores empty files). With vault passwords a
 * whole-file vault and `!vault` values are decrypted; without, a `!vault` value stays ciphertext
 * (as ansible-inventory prints it) and a whole-file vault is an error.
 */
export function loadVarsFile(path: string, keyring?: VaultKeyring): VarsFile | undefined {
  if (!existsSync(path)) throw new ConfigError(`vars file not found: ${path}`, { file: path })
  let text = readFileSync(path, 'utf8')
  let data: unknown
  if (keyring?.secrets.length) {
    const opened = vaultFileText(text, path, keyring)
    text = opened.text
    data = loadVaultYaml(text, path, keyring, { decrypted: opened.decrypted })
  } else {
    if (text.startsWith('$ANSIBLE_VAULT;')) throw new ConfigError('vars file is vault-encrypted and no vault password was given', { file: path }, 'pass --vault-password-file')
    data = loadYaml(text, path)
  }
  if (data === null || data === undefined || (typeof data === 'object' && Object.keys(data).length === 0)) return undefined
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`vars file must hold a mapping of variables, got ${Array.isArray(data) ? 'a list' : typeof data}`, { file: path, line: 1 })
  }
  const finder = new KeyLines(text, true)
  const lines = new Map<string, number>()
  for (const key of Object.keys(data)) {
    const line = finder.find(key)
    if (line !== undefined) lines.set(key, line)
  }
  return { path, vars: data as Record<string, unknown>, lines }
}
