// YAML inventories (`all: {hosts, vars, children}`), as ansible-core's yaml inventory plugin reads
// them, and the results of dynamic sources (a YAML file with `plugin:`) merged the same way.
import { ConfigError, type SourcePosition } from '../errors.js'
import type { InventoryData } from './data.js'
import { expandHostPattern } from './ini.js'
import type { SourceResult } from './sources/types.js'

/** Finds the line of a mapping key, scanning forward, so provenance follows document order. */
export class KeyLines {
  private readonly lines: string[]
  private cursor = 0
  constructor(
    text: string,
    private readonly topLevelOnly = false,
  ) {
    this.lines = text.split(/\r?\n/)
  }
  find(key: string): number | undefined {
    const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const re = new RegExp(`^${this.topLevelOnly ? '' : '\\s*(?:- )?'}(['"]?)${esc}\\1\\s*:`)
    for (let i = this.cursor; i < this.lines.length; i++) {
      if (re.test(this.lines[i])) {
        this.cursor = i
        return i + 1
      }
    }
    return undefined
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function parseYamlInventory(inv: InventoryData, file: string, text: string, data: unknown, warn: (m: string) => void): void {
  if (data === null || data === undefined || (isMapping(data) && Object.keys(data).length === 0)) {
    throw new ConfigError('parsed empty YAML inventory', { file })
  }
  if (!isMapping(data)) {
    throw new ConfigError(`YAML inventory has invalid structure: expected a mapping of groups, got ${describe(data)}`, { file }, 'start with `all:` and put hosts, vars and children under it')
  }
  const lines = new KeyLines(text)
  const at = (key: string): SourcePosition => ({ file, line: lines.find(key) })

  const parseGroup = (name: string, body: unknown, where: SourcePosition): string | undefined => {
    if (body !== null && !isMapping(body)) {
      warn(`${file}: skipping '${name}' as this is not a valid group definition`)
      return undefined
    }
    inv.addGroup(name, where)
    if (body === null) return name
    for (const section of ['vars', 'children', 'hosts']) {
      if (typeof body[section] === 'string') body[section] = { [body[section] as string]: null }
      if (section in body && body[section] !== null && !isMapping(body[section])) {
        throw new ConfigError(`invalid "${section}" entry for "${name}" group: requires a mapping, found ${describe(body[section])}`, at(section))
      }
    }
    for (const [key, value] of Object.entries(body)) {
      if (value === null) continue
      if (!isMapping(value)) {
        warn(`${file}: skipping key (${key}) in group (${name}) as it is not a mapping`)
        continue
      }
      const keyAt = at(key)
      if (key === 'vars') {
        const g = inv.groups.get(name)!
        for (const [k, v] of Object.entries(value)) g.setGroupVar(k, v, { ...at(k), scope: `group:${name}` })
      } else if (key === 'children') {
        for (const [child, childBody] of Object.entries(value)) {
          const childAt = at(child)
          const added = parseGroup(child, childBody, childAt)
          if (added === undefined) throw new ConfigError(`child '${child}' of group '${name}' is not a known group`, childAt)
          inv.addChild(name, added, childAt)
        }
      } else if (key === 'hosts') {
        for (const [pattern, hostVars] of Object.entries(value)) {
          const hostAt = at(pattern)
          if (hostVars !== null && !isMapping(hostVars)) {
            throw new ConfigError(`host '${pattern}' in group '${name}' must map to variables, got ${describe(hostVars)}`, hostAt)
          }
          const { names, port } = expandHostPattern(pattern, hostAt)
          const varLines = Object.keys(hostVars ?? {}).map((k) => [k, at(k)] as const)
          for (const host of names) {
            const h = inv.addHost(host, name, hostAt, port)
            for (const [k, kAt] of varLines) h.setVar(k, hostVars![k], { ...kAt, scope: `host:${host}` })
          }
        }
      } else {
        warn(`${file}:${keyAt.line ?? '?'}: skipping unexpected key (${key}) in group (${name}), only "vars", "children" and "hosts" are valid`)
      }
    }
    return name
  }

  for (const [name, body] of Object.entries(data)) parseGroup(name, body, at(name))
}

/** Adds what a dynamic source returned, checking its shape so a broken source names itself. */
export function mergeSourceResult(inv: InventoryData, file: string, plugin: string, result: SourceResult): void {
  const where: SourcePosition = { file }
  const scope = `${plugin}:${file}`
  if (!isMapping(result) || !isMapping(result.hosts) || !isMapping(result.groups)) {
    throw new ConfigError(`inventory source '${plugin}' returned no {hosts, groups} object`, where)
  }
  for (const [host, vars] of Object.entries(result.hosts)) {
    const h = inv.addHost(host, undefined, where)
    for (const [k, v] of Object.entries(vars ?? {})) h.setVar(k, v, { file, scope: `host:${host} (${scope})` })
  }
  for (const name of Object.keys(result.groups)) inv.addGroup(name, where)
  for (const [name, g] of Object.entries(result.groups)) {
    const group = inv.groups.get(name)!
    for (const host of g.hosts ?? []) {
      if (!inv.hosts.has(host)) inv.addHost(host, undefined, where)
      group.addHost(inv.hosts.get(host)!)
    }
    for (const child of g.children ?? []) {
      if (!inv.groups.has(child)) inv.addGroup(child, where)
      inv.addChild(name, child, where)
    }
    for (const [k, v] of Object.entries(g.vars ?? {})) group.setGroupVar(k, v, { file, scope: `group:${name} (${scope})` })
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list'
  if (v === null) return 'null'
  return `a ${typeof v} (${JSON.stringify(v)})`
}
