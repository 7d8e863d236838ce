// Ansible's hosts.ini dialect, as ansible-core 2.14's ini inventory plugin reads it
// (ansible/plugins/inventory/ini.py): one pass, implicit [ungrouped] at the top, groups declared by
// [g] or [g:children], [g:vars] only for groups declared somewhere in the file, values typed by
// Python's literal_eval (host lines are first split by shlex, so `a="1"` is the number 1 there but
// the string "1" in a [g:vars] section).
import { ConfigError, type SourcePosition } from '../errors.js'
import type { InventoryData } from './data.js'
import { expandHostRange, parseAddress, HostRangeError } from './host-range.js'
import { pyLiteral } from './py-literal.js'
import { shlexSplit, ShlexError } from '../util/shlex.js'

const SECTION = /^\[([^:\]\s]+)(?::([\p{L}\p{N}_]+))?\]\s*(?:#.*)?$/u
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/u
// str.splitlines() boundaries
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/

interface Pending {
  line: number
  state: 'vars' | 'children'
  parents: string[]
}

export function parseIni(inv: InventoryData, file: string, text: string): void {
  const lines = text.split(LINE_BREAK)
  const pending = new Map<string, Pending>()
  let group = 'ungrouped'
  let state = 'hosts'
  let sectionKeys = new Map<string, string>() // duplicate detection within one [g:vars] section
  const at = (line: number): SourcePosition => ({ file, line })

  for (let i = 0; i < lines.length; i++) {
    const lineno = i + 1
    const line = lines[i].trim()
    if (!line || line[0] === '#' || line[0] === ';') continue
    const where = at(lineno)

    const m = SECTION.exec(line)
    if (m) {
      group = m[1]
      state = m[2] ?? 'hosts'
      sectionKeys = new Map()
      if (state !== 'hosts' && state !== 'children' && state !== 'vars') {
        const near = ['children', 'vars'].find((t) => t.startsWith(state.toLowerCase().slice(0, 3)))
        const hint = near ? `did you mean [${m[1]}:${near}]?` : 'expected [NAME], [NAME:vars] or [NAME:children]'
        throw new ConfigError(`section [${m[1]}:${state}] has unknown type: ${state}`, where, hint)
      }
      if (!inv.groups.has(group)) {
        if (state === 'vars' && !pending.has(group)) pending.set(group, { line: lineno, state: 'vars', parents: [] })
        inv.addGroup(group, where)
      }
      const p = pending.get(group)
      if (p && state !== 'vars') {
        if (p.state === 'children') addPendingChildren(inv, file, group, pending)
        else pending.delete(group)
      }
      continue
    }
    if (line.startsWith('[') && line.endsWith(']')) {
      throw new ConfigError(
        `invalid section entry: '${line}'`,
        where,
        'make sure there are no spaces in the section entry and no other invalid characters',
      )
    }

    if (state === 'hosts') {
      parseHostLine(inv, line, group, where)
    } else if (state === 'vars') {
      const eq = line.indexOf('=')
      if (eq === -1) throw new ConfigError(`expected key=value, got: ${line}`, where)
      const key = line.slice(0, eq).trim()
      const raw = line.slice(eq + 1).trim()
      const previous = sectionKeys.get(key)
      if (previous !== undefined && previous !== raw) {
        throw new ConfigError(`duplicate key '${key}' in [${group}:vars] with a different value: ${line}`, where, 'keep one of them')
      }
      sectionKeys.set(key, raw)
      inv.groups.get(group)!.setGroupVar(key, pyLiteral(raw), { ...where, scope: `group:${group}` })
    } else {
      const cm = GROUP_NAME.exec(line)
      if (!cm) throw new ConfigError(`expected group name, got: ${line}`, where)
      const child = cm[1]
      if (!inv.groups.has(child)) {
        const p = pending.get(child)
        if (p) p.parents.push(group)
        else pending.set(child, { line: lineno, state: 'children', parents: [group] })
      } else {
        inv.addChild(group, child, where)
      }
    }
  }

  for (const [name, p] of pending) {
    if (p.state === 'vars') {
      throw new ConfigError(`section [${name}:vars] not valid for undefined group: ${name}`, at(p.line), `declare it with [${name}] or [${name}:children]`)
    }
    throw new ConfigError(
      `section [${p.parents[p.parents.length - 1]}:children] includes undefined group: ${name}`,
      at(p.line),
      `declare it with [${name}]`,
    )
  }
}

function addPendingChildren(inv: InventoryData, file: string, group: string, pending: Map<string, Pending>): void {
  const p = pending.get(group)!
  for (const parent of p.parents) {
    inv.addChild(parent, group, { file, line: p.line })
    const pp = pending.get(parent)
    if (pp && pp.state === 'children') addPendingChildren(inv, file, parent, pending)
  }
  pending.delete(group)
}

function parseHostLine(inv: InventoryData, line: string, group: string, where: SourcePosition): void {
  let tokens: string[]
  try {
    tokens = shlexSplit(line, { comments: true })
  } catch (e) {
    throw new ConfigError(`error parsing host definition '${line}': ${(e as ShlexError).message}`, where)
  }
  if (tokens.length === 0) return
  const { names, port } = expandHostPattern(tokens[0], where)
  const vars = new Map<string, unknown>()
  const raw = new Map<string, string>()
  for (const t of tokens.slice(1)) {
    const eq = t.indexOf('=')
    if (eq === -1) throw new ConfigError(`expected key=value host variable assignment, got: ${t}`, where, `in line: ${line}`)
    const key = t.slice(0, eq)
    const value = t.slice(eq + 1)
    if (raw.has(key) && raw.get(key) !== value) {
      throw new ConfigError(`duplicate key '${key}' with different values on one host line: ${line}`, where, 'keep one of them')
    }
    raw.set(key, value)
    vars.set(key, pyLiteral(value))
  }
  for (const name of names) {
    const host = inv.addHost(name, group, where, port)
    for (const [k, v] of vars) host.setVar(k, v, { ...where, scope: `host:${name}` })
  }
}

/** _expand_hostpattern() of the ini plugin, errors included. */
export function expandHostPattern(pattern: string, where: SourcePosition): { names: string[]; port?: number } {
  const parsed = parseAddress(pattern, true)
  const base = parsed?.host ?? pattern
  const port = parsed?.port
  let names: string[]
  try {
    names = expandHostRange(base)
  } catch (e) {
    if (e instanceof HostRangeError) throw new ConfigError(`bad host range '${pattern}': ${e.message}`, where, 'ranges look like node[01:20], db-[a:f] or web[0:10:2]')
    throw e
  }
  if (pattern.trim().endsWith(':') && port === undefined) {
    throw new ConfigError(`invalid host pattern '${pattern}': ending in ':' is not allowed, this character is reserved to provide a port`, where)
  }
  if (names.some((n) => n.trim() === '---')) {
    throw new ConfigError(`invalid host pattern '${pattern}': '---' is normally a sign this is a YAML file`, where, 'give YAML inventories a .yml or .yaml extension')
  }
  return { names, port }
}
