// Fact caching as Ansible's jsonfile plugin keeps it: one JSON file per host (named by the host, after an
// optional prefix) in a directory, written atomically; a file older than the timeout (seconds, 0 = never)
// is expired. Files written by either tool read in the other: facts keep their `ansible_` prefix and
// `_ansible_facts_gathered` marks a host whose facts were gathered.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface FactCacheConfig {
  /** ANSIBLE_CACHE_PLUGIN_CONNECTION / fact_caching_connection */
  dir: string
  /** ANSIBLE_CACHE_PLUGIN_TIMEOUT / fact_caching_timeout (Ansible's default: 86400) */
  timeoutS: number
  /** ANSIBLE_CACHE_PLUGIN_PREFIX / fact_caching_prefix */
  prefix?: string
}

/** The host's file; none for a name that cannot be one (such a host is simply not cached). */
function file(config: FactCacheConfig, host: string): string | undefined {
  if (!host || host.includes('/') || host.includes('\0') || host === '.' || host === '..') return undefined
  return join(config.dir, `${config.prefix ?? ''}${host}`)
}

function expired(config: FactCacheConfig, path: string, now = Date.now()): boolean {
  if (config.timeoutS === 0) return false
  try {
    return (now - statSync(path).mtimeMs) / 1000 > config.timeoutS
  } catch {
    return false
  }
}

/** The host's cached facts, or undefined when there are none or they expired. */
export function loadFacts(config: FactCacheConfig, host: string): Record<string, unknown> | undefined {
  const path = file(config, host)
  if (!path || expired(config, path)) return undefined
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const facts = JSON.parse(text) as unknown
    return facts && typeof facts === 'object' && !Array.isArray(facts) ? (facts as Record<string, unknown>) : undefined
  } catch {
    // a corrupt file is removed, as Ansible does
    rmSync(path, { force: true })
    return undefined
  }
}

/** Writes the host's facts (sorted keys, 4-space indent, as Ansible's jsonfile): temp file, then rename. */
export function saveFacts(config: FactCacheConfig, host: string, facts: Record<string, unknown>): void {
  const path = file(config, host)
  if (!path) return
  mkdirSync(config.dir, { recursive: true })
  const tmp = join(config.dir, `.${config.prefix ?? ''}${host}.${process.pid}.tmp`)
  writeFileSync(tmp, JSON.stringify(sortKeys(facts), null, 4), { mode: 0o600 })
  renameSync(tmp, path)
}

/** meta: clear_facts */
export function deleteFacts(config: FactCacheConfig, host: string): void {
  const path = file(config, host)
  if (path) rmSync(path, { force: true })
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]))
  }
  return value
}
