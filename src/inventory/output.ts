// What `tsplay inventory` and `--list-hosts` print, in ansible-inventory's and ansible's shapes.
import { formatPosition } from '../errors.js'
import { UnsafeText, VaultedText } from '../util/unsafe-text.js'
import type { Group } from './data.js'
import type { AnsibleInventory } from './inventory.js'
import type { Contribution } from './vars.js'

// ansible-inventory drops these from every host's and group's vars (cli/inventory.py INTERNAL_VARS)
const INTERNAL_VARS = new Set([
  'ansible_diff_mode', 'ansible_config_file', 'ansible_facts', 'ansible_forks', 'ansible_inventory_sources',
  'ansible_limit', 'ansible_playbook_python', 'ansible_run_tags', 'ansible_skip_tags', 'ansible_verbosity',
  'ansible_version', 'inventory_dir', 'inventory_file', 'inventory_hostname', 'inventory_hostname_short',
  'groups', 'group_names', 'omit', 'playbook_dir',
])

function visible(vars: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(vars)) if (!INTERNAL_VARS.has(k)) out[k] = v
  return out
}

/** ansible-inventory's JSON shapes for the values of YAML's Ansible tags. */
function printable(v: unknown): unknown {
  if (v instanceof UnsafeText) return { __ansible_unsafe: String(v) }
  if (v instanceof VaultedText) return v.toJSON()
  if (Array.isArray(v)) return v.map(printable)
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, printable(x)]))
  return v
}

/** json.dumps(sort_keys=True, indent=4, ensure_ascii=False), as ansible-inventory prints. */
export function pyJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 4)
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k])
    return out
  }
  return v
}

/** The object `ansible-inventory --list` prints. */
export function listObject(inv: AnsibleInventory): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  const seen = new Set<string>()
  const format = (g: Group): void => {
    const entry: Record<string, unknown> = {}
    if (g.name !== 'all' && g.hosts.length) entry.hosts = g.hosts.map((h) => h.name)
    const children = g.children.map((c) => c.name)
    if (children.length) entry.children = children
    if (Object.keys(entry).length) result[g.name] = entry
    for (const c of g.children) {
      if (seen.has(c.name)) continue
      seen.add(c.name)
      format(c)
    }
  }
  format(inv.data.all)
  const hostvars: Record<string, unknown> = {}
  for (const name of inv.hostNames()) {
    const vars = visible(inv.hostVars(name))
    if (Object.keys(vars).length) hostvars[name] = printable(vars)
  }
  return { _meta: { hostvars }, ...result }
}

export function formatList(inv: AnsibleInventory): string {
  return pyJson(listObject(inv))
}

export function formatHost(inv: AnsibleInventory, host: string): string {
  return pyJson(printable(visible(inv.hostVars(host))))
}

/** `ansible-inventory --graph [GROUP] [--vars]`. */
export function formatGraph(inv: AnsibleInventory, groupName = 'all', withVars = false): string {
  const start = inv.data.groups.get(groupName)
  if (!start) throw new Error(`pattern must be a valid group name when using --graph: ${groupName}`)
  const name = (text: string, depth: number): string => (depth ? '  |'.repeat(depth) + '--' + text : text)
  const showVars = (vars: Record<string, unknown>, depth: number): string[] =>
    Object.keys(vars)
      .sort()
      .map((k) => name(`{${k} = ${pyStr(vars[k])}}`, depth))
  const walk = (g: Group, depth: number): string[] => {
    const out = [name(`@${g.name}:`, depth)]
    for (const kid of g.children) out.push(...walk(kid, depth + 1))
    if (g.name !== 'all') {
      for (const h of g.hosts) {
        out.push(name(h.name, depth + 1))
        if (withVars) out.push(...showVars(visible(inv.hostVars(h.name)), depth + 2))
      }
    }
    if (withVars) out.push(...showVars(visible(inv.groupVars(g.name)), depth + 1))
    return out
  }
  return walk(start, 0).join('\n')
}

/** `ansible PATTERN --list-hosts`: the count line, then each host indented four spaces. */
export function formatListHosts(hosts: string[]): string {
  return [`  hosts (${hosts.length}):`, ...hosts.map((h) => `    ${h}`)].join('\n')
}

/** `--host NAME --explain`: for every variable, the winner and what it overrode (highest first). */
export function formatExplain(inv: AnsibleInventory, host: string): string {
  const { provenance } = inv.explainHost(host)
  const keys = Object.keys(provenance).filter((k) => !INTERNAL_VARS.has(k)).sort()
  const where = (c: Contribution): string => {
    const who = /^(group|host):/.test(c.scope) ? `, ${c.scope}` : ''
    return `${formatPosition(c.origin)}  (${c.level}${who})`
  }
  const lines = [`${host}: ${keys.length} variables; each shows the winning setting, then what it overrode`]
  for (const key of keys) {
    const chain = provenance[key]
    const winner = chain[chain.length - 1]
    lines.push(`${key} = ${JSON.stringify(winner.value)}`)
    lines.push(`    won       ${where(winner)}`)
    for (let i = chain.length - 2; i >= 0; i--) lines.push(`    overrode  ${JSON.stringify(chain[i].value)} from ${where(chain[i])}`)
  }
  return lines.join('\n')
}

/** Python's str() of a value, as ansible-inventory --graph --vars shows it. */
export function pyStr(v: unknown): string {
  return typeof v === 'string' || v instanceof UnsafeText ? String(v) : pyRepr(v)
}

export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'inf' : v < 0 ? '-inf' : 'nan'
  if (v instanceof VaultedText) return pyRepr(v.toJSON())
  if (typeof v === 'string' || v instanceof UnsafeText) {
    const text = String(v)
    const q = text.includes("'") && !text.includes('"') ? '"' : "'"
    const body = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`
  if (typeof v === 'object') {
    return `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`
  }
  return String(v)
}

/** What `tsplay exec|run PATTERN -i INV [-l LIMIT] --list-hosts` prints. */
export function listHostsOutput(inv: AnsibleInventory, pattern: string, limit?: string | string[]): string {
  return formatListHosts(inv.select(pattern, limit))
}
