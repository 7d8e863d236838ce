// ~/.ssh/config as OpenSSH reads it: Host blocks, first value wins, IdentityFile accumulates.
// `Match` blocks are skipped (never applied) and `Include` is not followed: both are reported in `warnings`.
import { existsSync, readFileSync } from 'node:fs'
import { homedir, userInfo } from 'node:os'
import { ConfigError } from '../errors.js'
import { patternsMatch } from './known-hosts.js'
import { shlexSplit } from '../util/shlex.js'

export interface SshConfigHost {
  hostName?: string
  user?: string
  port?: number
  identityFiles: string[]
  proxyJump?: string
  proxyCommand?: string
  strictHostKeyChecking?: string
  userKnownHostsFiles?: string[]
  connectTimeout?: number
  serverAliveInterval?: number // seconds; 0 turns keepalives off
  serverAliveCountMax?: number
}

interface Block {
  patterns: string[] // empty for the global section before the first Host
  match: boolean // a Match block: never applies
  settings: Array<{ key: string; value: string; line: number }>
}

export interface SshConfig {
  file: string
  blocks: Block[]
  warnings: string[]
}

export function parseSshConfig(text: string, file: string): SshConfig {
  const global: Block = { patterns: [], match: false, settings: [] }
  const blocks: Block[] = [global]
  const warnings: string[] = []
  let current = global
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line)
    if (!m) throw new ConfigError(`missing value for "${line}"`, { file, line: i + 1 }, 'expected "Keyword value"')
    const key = m[1].toLowerCase()
    const value = m[2].trim()
    if (key === 'host') {
      current = { patterns: shlexSplit(value), match: false, settings: [] }
      blocks.push(current)
    } else if (key === 'match') {
      warnings.push(`${file}:${i + 1}: Match blocks are not supported and were skipped`)
      current = { patterns: [], match: true, settings: [] }
      blocks.push(current)
    } else if (key === 'include') {
      warnings.push(`${file}:${i + 1}: Include is not followed`)
    } else current.settings.push({ key, value, line: i + 1 })
  })
  return { file, blocks, warnings }
}

export function loadSshConfig(file = `${homedir()}/.ssh/config`): SshConfig {
  if (!existsSync(file)) return { file, blocks: [], warnings: [] }
  return parseSshConfig(readFileSync(file, 'utf8'), file)
}

function blockApplies(block: Block, alias: string): boolean {
  if (block.match) return false
  if (block.patterns.length === 0) return true
  return patternsMatch(block.patterns.join(','), alias)
}

export function expandTilde(path: string): string {
  return path === '~' || path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path
}

/** %h %p %r %u %% tokens (OpenSSH's TOKENS section, the subset that makes sense here). */
export function expandTokens(value: string, t: { host: string; port: number; user: string }): string {
  return value.replace(/%([hpru%])/g, (_, c: string) =>
    c === 'h' ? t.host : c === 'p' ? String(t.port) : c === 'r' ? t.user : c === 'u' ? userInfo().username : '%',
  )
}

/** Settings for `alias` (the name as given on the command line / in the inventory). */
export function resolveSshConfig(config: SshConfig, alias: string): SshConfigHost {
  const first = new Map<string, { value: string; line: number }>()
  const identityFiles: string[] = []
  for (const block of config.blocks.filter((b) => blockApplies(b, alias))) {
    for (const s of block.settings) {
      if (s.key === 'identityfile') identityFiles.push(shlexSplit(s.value)[0] ?? s.value)
      else if (!first.has(s.key)) first.set(s.key, s)
    }
  }
  const get = (k: string) => first.get(k)?.value
  const num = (k: string, min = 1) => {
    const s = first.get(k)
    if (!s) return undefined
    const n = Number(s.value)
    if (!Number.isInteger(n) || n < min)
      throw new ConfigError(`${k} must be a ${min > 0 ? 'positive' : 'whole'} number, got "${s.value}"`, { file: config.file, line: s.line })
    return n
  }
  const unquote = (v: string | undefined) => (v === undefined ? undefined : (shlexSplit(v)[0] ?? v))
  const hostName = unquote(get('hostname'))
  const port = num('port') ?? 22
  const user = unquote(get('user'))
  const tokens = { host: hostName ? hostName.replace('%h', alias) : alias, port, user: user ?? userInfo().username }
  const proxyJump = get('proxyjump')
  return {
    hostName: hostName ? expandTokens(hostName.replace(/%h/g, alias), tokens) : undefined,
    user,
    port: first.has('port') ? port : undefined,
    identityFiles: identityFiles.map((f) => expandTilde(expandTokens(f, tokens))),
    proxyJump: proxyJump && proxyJump.toLowerCase() !== 'none' ? proxyJump : undefined,
    proxyCommand: get('proxycommand') && get('proxycommand')!.toLowerCase() !== 'none' ? get('proxycommand') : undefined,
    strictHostKeyChecking: get('stricthostkeychecking'),
    userKnownHostsFiles: get('userknownhostsfile') ? shlexSplit(get('userknownhostsfile')!).map(expandTilde) : undefined,
    connectTimeout: num('connecttimeout'),
    serverAliveInterval: num('serveraliveinterval', 0),
    serverAliveCountMax: num('serveralivecountmax'),
  }
}
