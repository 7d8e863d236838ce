// The entry point: `-i FILE|DIR|'h1,h2,'`, several sources merged in order, then group_vars/host_vars
// beside each source. Everything is built in a fresh structure and returned only when complete, so a
// bad file never leaves a half-loaded inventory behind.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { ConfigError } from '../errors.js'
import { suggestion } from '../util/did-you-mean.js'
import { InventoryData } from './data.js'
import { parseIni } from './ini.js'
import { parseAddress } from './host-range.js'
import { AnsibleInventory } from './inventory.js'
import { sources as registry } from './sources/index.js'
import { loadYaml } from '../util/yaml.js'
import type { VaultKeyring } from '../vault/keyring.js'
import { VarsDir } from './vars-files.js'
import { mergeSourceResult, parseYamlInventory } from './yaml.js'

export interface LoadOptions {
  /** Directory of the playbook: its group_vars/ and host_vars/ rank above the inventory's. */
  playbookDir?: string
  /** Decrypts vault-encrypted vars files and `!vault` values in them. */
  keyring?: VaultKeyring
  /** Receives load warnings (Ansible prints them as [WARNING]); default: kept in inventory.warnings. */
  warn?: (message: string) => void
}

// ansible-core 2.14 defaults: INVENTORY_IGNORE_EXTS and the always-ignored names inside a directory
const IGNORED_EXTS = ['.pyc', '.pyo', '.swp', '.bak', '~', '.rpm', '.md', '.txt', '.rst', '.orig', '.ini', '.cfg', '.retry']
const IGNORED_NAMES = /^(?:\..*|host_vars|group_vars|vars_plugins)$/

export async function loadInventory(sourceList: string[], options: LoadOptions = {}): Promise<AnsibleInventory> {
  const warnings: string[] = []
  const warn = (m: string): void => {
    if (options.warn) options.warn(m)
    else warnings.push(m)
  }
  const inv = new InventoryData()
  const varsDirs: VarsDir[] = []
  for (const source of sourceList) {
    if (source.includes(',') && !existsSync(source)) {
      parseHostList(inv, source)
      continue
    }
    if (!existsSync(source)) {
      throw new ConfigError(`inventory source not found: ${source}`, { file: source }, "a host list needs a comma: -i 'host1,'")
    }
    await parseSource(inv, source, warn, true)
    varsDirs.push(new VarsDir(statSync(source).isDirectory() ? source : dirname(source), options.keyring))
  }
  inv.reconcile()
  inv.warnings.forEach(warn)
  const playDir = options.playbookDir ? new VarsDir(options.playbookDir, options.keyring) : undefined
  const inventory = new AnsibleInventory(inv, varsDirs, playDir, warnings)
  // load every vars file now so a broken one fails the load, not a later lookup
  inventory.preloadVarsFiles()
  return inventory
}

function parseHostList(inv: InventoryData, list: string): void {
  for (const part of list.split(',')) {
    const h = part.trim()
    if (!h) continue
    const parsed = parseAddress(h, false)
    const name = parsed?.host ?? h
    if (!inv.hosts.has(name)) inv.addHost(name, 'ungrouped', { file: '<host list>' }, parsed?.port)
  }
}

async function parseSource(inv: InventoryData, path: string, warn: (m: string) => void, explicit: boolean): Promise<void> {
  let st
  try {
    st = statSync(path)
  } catch {
    throw new ConfigError('inventory file cannot be read', { file: path }, 'a broken symlink? remove it or point it at a file')
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (IGNORED_NAMES.test(name)) continue
      if (IGNORED_EXTS.some((ext) => name.endsWith(ext))) {
        if (name.endsWith('.ini')) warn(`${join(path, name)}: ignored, as Ansible ignores .ini files inside an inventory directory (pass it with -i FILE)`)
        continue
      }
      await parseSource(inv, join(path, name), warn, false)
    }
    return
  }
  if (st.mode & 0o111) {
    const message = `${path} is executable: dynamic inventory scripts are not supported`
    if (explicit) throw new ConfigError(message, { file: path }, 'write a YAML file with plugin: NAME instead')
    warn(`${message}; skipped`)
    return
  }
  const text = readFileSync(path, 'utf8')
  const ext = extname(path)
  if (ext === '.toml') throw new ConfigError('TOML inventories are not supported', { file: path }, 'use INI or YAML')
  const yamlCandidate = ext === '' || ext === '.yml' || ext === '.yaml' || ext === '.json'
  if (yamlCandidate) {
    let data: unknown
    let yamlError: unknown
    try {
      data = loadYaml(text, path)
    } catch (e) {
      yamlError = e
    }
    const isMapping = typeof data === 'object' && data !== null && !Array.isArray(data)
    if (isMapping && 'plugin' in (data as object)) return runPlugin(inv, path, data as Record<string, unknown>)
    if (isMapping) return parseYamlInventory(inv, path, text, data, warn)
    // not a YAML mapping: Ansible tries the ini plugin next, so an INI file named hosts.yml still loads
    try {
      return parseIni(inv, path, text)
    } catch (iniError) {
      if (ext === '') throw iniError
      if (yamlError === undefined) return parseYamlInventory(inv, path, text, data, warn)
      const e = yamlError as ConfigError
      throw new ConfigError(e.message.replace('invalid YAML', 'invalid YAML inventory'), e.position && { file: path, line: e.position.line })
    }
  }
  parseIni(inv, path, text)
}

async function runPlugin(inv: InventoryData, file: string, config: Record<string, unknown>): Promise<void> {
  const plugin = String(config.plugin)
  const source = registry[plugin]
  if (!source) {
    const known = Object.keys(registry)
    throw new ConfigError(
      `unknown inventory plugin '${plugin}' in ${basename(file)}`,
      { file, line: 1 },
      suggestion(plugin, known) ?? (known.length ? `known plugins: ${known.join(', ')}` : 'no dynamic inventory plugins are available yet'),
    )
  }
  mergeSourceResult(inv, file, plugin, await source(file, config))
}
