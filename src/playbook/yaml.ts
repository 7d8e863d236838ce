// YAML → plain data plus the source position of every mapping, sequence and mapping key.
// js-yaml's `listener` reports open/close of every node; a stack of open nodes pairs them up.
import type { SourcePosition } from '../errors.js'
import { VaultKeyring } from '../vault/keyring.js'
import { loadVaultYaml, vaultFileText } from '../vault/yaml.js'

export interface NodePositions {
  /** Where the mapping or sequence starts. */
  node: SourcePosition
  /** Mapping keys → where the key is written. */
  keys: Map<string, SourcePosition>
  /** Mapping keys → where the value's text starts (inside its quotes; a block scalar's first line). */
  values?: Map<string, SourcePosition>
  /** Sequence items → where each item starts (when js-yaml reported them one by one). */
  items: SourcePosition[]
}

/** Positions for the objects and arrays of one parsed document, looked up by identity. */
export class SourceMap {
  private readonly nodes = new WeakMap<object, NodePositions>()

  constructor(readonly file: string) {}

  set(node: object, positions: NodePositions): void {
    if (!this.nodes.has(node)) this.nodes.set(node, positions) // an alias keeps its anchor's position
  }

  /** Where `node` starts; the file alone when unknown. */
  of(node: unknown): SourcePosition {
    return (isObject(node) && this.nodes.get(node)?.node) || { file: this.file }
  }

  /** Where the text of `key`'s value starts in mapping `node` (undefined when not known). */
  value(node: unknown, key: string): SourcePosition | undefined {
    return isObject(node) ? this.nodes.get(node)?.values?.get(key) : undefined
  }

  /** Where `key` is written in mapping `node` (falls back to the mapping's own position). */
  key(node: unknown, key: string | number): SourcePosition {
    if (!isObject(node)) return { file: this.file }
    const entry = this.nodes.get(node)
    if (!entry) return { file: this.file }
    const found = typeof key === 'number' ? entry.items[key] : entry.keys.get(key)
    return found ?? entry.node
  }
}

// One SourceMap per parsed file, found from any node of it (so positions survive being passed around).
const owners = new WeakMap<object, SourceMap>()

/** The SourceMap a parsed node came from, if it came from parseYaml. */
export function sourceMapOf(node: unknown): SourceMap | undefined {
  return isObject(node) ? owners.get(node) : undefined
}

interface Frame {
  start: number
  children: { result: unknown; pos: SourcePosition }[]
}

export interface ParsedYaml {
  data: unknown
  map: SourceMap
}

/**
 * Parses one YAML document; a syntax error becomes a ConfigError naming file:line:column. With a vault
 * keyring, a whole-file vault is decrypted first and `!vault |` values are decrypted in place; without
 * one, either is a clear error asking for a vault password.
 */
export function parseYaml(text: string, file: string, keyring: VaultKeyring = NO_VAULT_PASSWORDS): ParsedYaml {
  const opened = vaultFileText(text, file, keyring)
  const source = opened.text
  const map = new SourceMap(file)
  const lineStarts = computeLineStarts(source)
  const at = (offset: number): SourcePosition => {
    const start = skipBlank(source, offset)
    const line = findLine(lineStarts, start)
    return { file, line: line + 1, column: start - lineStarts[line] + 1 }
  }
  // where a scalar's text starts: inside its quotes; for a block scalar (| or >), its first line
  const textAt = (pos: SourcePosition): SourcePosition => {
    const offset = lineStarts[pos.line! - 1] + pos.column! - 1
    const c = source[offset]
    if (c === '"' || c === "'") return { ...pos, column: pos.column! + 1 }
    if ((c === '|' || c === '>') && pos.line! < lineStarts.length) {
      const next = source.slice(lineStarts[pos.line!], lineStarts[pos.line! + 1] ?? source.length)
      return { file, line: pos.line! + 1, column: /^ */.exec(next)![0].length + 1 }
    }
    return pos
  }
  const stack: Frame[] = []
  let lastOpen = 0 // the scalar js-yaml constructs next (a !vault value) opened last
  const listener = (event: 'open' | 'close', state: { position: number; result: unknown }) => {
    if (event === 'open') {
      lastOpen = state.position
      stack.push({ start: state.position, children: [] })
      return
    }
    const frame = stack.pop()!
    const pos = at(frame.start)
    const result = state.result
    if (isObject(result)) {
      const keys = new Map<string, SourcePosition>()
      const values = new Map<string, SourcePosition>()
      const items: SourcePosition[] = []
      if (Array.isArray(result)) {
        if (frame.children.length === result.length) items.push(...frame.children.map((c) => (typeof c.result === 'string' ? textAt(c.pos) : c.pos)))
      } else {
        for (let i = 0; i + 1 < frame.children.length; i += 2) {
          const key = frame.children[i]
          if (typeof key.result !== 'string' && typeof key.result !== 'number') continue
          keys.set(String(key.result), key.pos)
          const value = frame.children[i + 1]
          if (typeof value.result === 'string') values.set(String(key.result), textAt(value.pos))
        }
      }
      map.set(result, { node: pos, keys, items, values })
      owners.set(result, map)
    }
    stack.at(-1)?.children.push({ result, pos })
  }
  const data = loadVaultYaml(source, file, keyring, { listener, where: () => at(lastOpen), decrypted: opened.decrypted })
  return { data, map }
}

// Reading a file with vault data but no password gives the vault's own "no vault password" error.
const NO_VAULT_PASSWORDS = new VaultKeyring()

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

function computeLineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return starts
}

function findLine(starts: number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

// js-yaml opens a value node before skipping the spaces, newlines and comments in front of it.
function skipBlank(text: string, offset: number): number {
  let i = offset
  while (i < text.length) {
    const c = text[i]
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++
    else break
  }
  return i < text.length ? i : offset
}
