// Reading a plugin file's options: every key checked against the plugin's known keys, every value against
// its expected type, and errors that name the file, the key's line and what was expected.
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { ConfigError } from '../../errors.js'
import { suggestion } from '../../util/did-you-mean.js'
import { fnmatchRegExp } from '../../util/fnmatch.js'

export class SourceConfig {
  private lines?: string[]

  constructor(
    readonly file: string,
    readonly data: Record<string, unknown>,
    known: readonly string[],
  ) {
    for (const key of Object.keys(data)) {
      if (key === 'plugin' || known.includes(key)) continue
      throw this.error(key, `unknown option '${key}' for plugin '${String(data.plugin)}'`, suggestion(key, known) ?? `known options: ${known.join(', ')}`)
    }
  }

  /** A ConfigError at the line where `key` is written (the file's first line when it is not found). */
  error(key: string | undefined, message: string, hint?: string): ConfigError {
    return new ConfigError(message, { file: this.file, line: key ? this.lineOf(key) : undefined }, hint)
  }

  has(key: string): boolean {
    return this.data[key] !== undefined && this.data[key] !== null
  }

  string(key: string): string | undefined
  string(key: string, fallback: string): string
  string(key: string, fallback?: string): string | undefined {
    const v = this.data[key]
    if (v === undefined || v === null) return fallback
    if (typeof v === 'string' || typeof v === 'number') return String(v)
    throw this.error(key, `${key} must be a string, got ${describe(v)}`)
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.data[key]
    if (v === undefined || v === null) return fallback
    if (typeof v === 'boolean') return v
    throw this.error(key, `${key} must be true or false, got ${describe(v)}`)
  }

  number(key: string, fallback: number): number {
    const v = this.data[key]
    if (v === undefined || v === null) return fallback
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
    if (!Number.isFinite(n) || n < 0) throw this.error(key, `${key} must be a non-negative number, got ${describe(v)}`)
    return n
  }

  /** A list of strings; a single string is split on commas (`statuses: ACTIVE,SHUTOFF`). */
  list(key: string, fallback: string[] = []): string[] {
    const v = this.data[key]
    if (v === undefined || v === null) return fallback
    if (typeof v === 'string') return splitList(v)
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String)
    throw this.error(key, `${key} must be a list of strings, got ${describe(v)}`)
  }

  mapping(key: string): Record<string, unknown> {
    const v = this.data[key]
    if (v === undefined || v === null) return {}
    if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
    throw this.error(key, `${key} must be a mapping, got ${describe(v)}`)
  }

  /** A mapping of names to lists of strings (`groups: {kube-master: [k8s-1, 'k8s-*']}`). */
  listMapping(key: string): Record<string, string[]> {
    const out: Record<string, string[]> = {}
    for (const [name, v] of Object.entries(this.mapping(key))) {
      if (typeof v === 'string') out[name] = splitList(v)
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) out[name] = v.map(String)
      else throw this.error(`${key}.${name}`, `${key}.${name} must be a name pattern or a list of them, got ${describe(v)}`)
    }
    return out
  }

  /** A path option, relative to the directory of the plugin file. */
  path(key: string, fallback?: string): string | undefined {
    const p = this.string(key) ?? fallback
    if (p === undefined) return undefined
    const expanded = p.startsWith('~/') ? `${process.env.HOME ?? ''}${p.slice(1)}` : p
    return isAbsolute(expanded) ? expanded : resolve(dirname(this.file), expanded)
  }

  /** The line of `key`, or of a nested `parent.child` (searched after the parent's line). */
  private lineOf(path: string): number {
    try {
      this.lines ??= readFileSync(this.file, 'utf8').split('\n')
    } catch {
      return 1
    }
    const [top, ...rest] = path.split('.')
    let at = this.lines.findIndex((l) => keyLine(top, false).test(l))
    if (at < 0) return 1
    const nested = rest.join('.')
    if (nested) {
      const child = this.lines.findIndex((l, i) => i > at && keyLine(nested, true).test(l))
      if (child > at) at = child
    }
    return at + 1
  }
}

function keyLine(key: string, indented: boolean): RegExp {
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${indented ? '\\s+' : ''}['"]?${k}['"]?\\s*:`)
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

export function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list'
  if (v === null) return 'null'
  if (typeof v === 'object') return 'a mapping'
  return `${typeof v} ${JSON.stringify(v)}`
}

/** A name pattern as in host patterns: a glob (`k8s-master-*`), or `~regex` searched from the start. */
export function namePattern(pattern: string): RegExp {
  return pattern.startsWith('~') ? new RegExp(`^(?:${pattern.slice(1)})`) : fnmatchRegExp(pattern)
}
