// OpenSSH known_hosts: plain and hashed (`|1|salt|hmac`) host patterns, `[host]:port`, wildcards,
// negation and `@revoked`. `@cert-authority` lines are skipped: tsplay does not do host certificates.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { appendFileSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

export type HostKeyPolicy = 'strict' | 'accept-new' | 'no'

export interface KnownHostEntry {
  file: string
  line: number
  marker?: 'revoked'
  patterns: string // as written (hashed or plain)
  keyType: string
  key: Buffer
}

export type HostKeyVerdict =
  | { status: 'ok' }
  | { status: 'unknown'; knownTypes: string[] }
  | { status: 'changed'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry }

/** `host` on port 22, `[host]:port` otherwise — the name OpenSSH looks up and records. */
export function hostKeyName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`
}

export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`
}

/** The algorithm name inside an SSH public key blob (first length-prefixed string). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown'
  const len = key.readUInt32BE(0)
  return key.subarray(4, 4 + len).toString('latin1')
}

/** `ssh-ed25519` → `ED25519`, as OpenSSH prints it. */
export function keyLabel(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ED25519'
  if (keyType === 'ssh-rsa') return 'RSA'
  if (keyType.startsWith('ecdsa-')) return 'ECDSA'
  return keyType
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const fields = line.split(/\s+/)
    let marker: KnownHostEntry['marker']
    if (fields[0].startsWith('@')) {
      const m = fields.shift()
      if (m !== '@revoked') return // @cert-authority: not supported, ignored on purpose
      marker = 'revoked'
    }
    const [patterns, keyType, b64] = fields
    if (!patterns || !keyType || !b64) return
    entries.push({ file, line: i + 1, marker, patterns, keyType, key: Buffer.from(b64, 'base64') })
  })
  return entries
}

// Every connection reads the known_hosts files twice (algorithms, then the key check): with N hosts
// that was N² lines parsed and N² regexps compiled, ~0.4 s of CPU at 200 hosts, then N reads of each
// whole file (40 MB of strings at 1,000 hosts). A file is parsed again only when its size, mtime or
// inode changed (accept-new appends to it); the same files give the same array, whose index (below) is
// built once.
const parsedFiles = new Map<string, { version: string; entries: KnownHostEntry[] }>()
const combined = new Map<string, { parts: KnownHostEntry[][]; entries: KnownHostEntry[] }>()
const NO_ENTRIES: KnownHostEntry[] = [] // one array for every missing file, so the combination stays cached

export function loadKnownHosts(files: string[]): KnownHostEntry[] {
  const parts = files.map((f) => {
    try {
      const st = statSync(f, { bigint: true })
      const version = `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}`
      const cached = parsedFiles.get(f)
      if (cached?.version === version) return cached.entries
      const entries = parseKnownHosts(readFileSync(f, 'utf8'), f)
      parsedFiles.set(f, { version, entries })
      return entries
    } catch (e) {
      if (['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return NO_ENTRIES // as existsSync did
      throw e
    }
  })
  const key = files.join('\0')
  const last = combined.get(key)
  if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) return last.entries
  const entries = parts.flat()
  combined.set(key, { parts, entries })
  return entries
}

// Unmarked entries by the literal names in their patterns; wildcard, negated, hashed and non-ASCII ones
// are matched one by one. Positions keep file order (the first entry of a key type is the one reported).
// Names fold ASCII letters only, as the patterns' case-insensitive RegExps do (no 'u' flag: K ≠ K).
interface HostIndex {
  byName: Map<string, number[]>
  general: number[]
}
const indices = new WeakMap<KnownHostEntry[], HostIndex>()

function indexFor(entries: KnownHostEntry[]): HostIndex {
  let index = indices.get(entries)
  if (index) return index
  index = { byName: new Map(), general: [] }
  entries.forEach((e, i) => {
    if (e.marker) return
    if (/[*?!]|[^\x00-\x7f]/.test(e.patterns) || e.patterns.startsWith('|')) return void index.general.push(i)
    for (const name of new Set(asciiLower(e.patterns).split(','))) {
      const at = index.byName.get(name)
      if (at) at.push(i)
      else index.byName.set(name, [i])
    }
  })
  indices.set(entries, index)
  return index
}

const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase())

/** The unmarked entries whose patterns match `name`, in file order. */
function entriesFor(entries: KnownHostEntry[], name: string): KnownHostEntry[] {
  const index = indexFor(entries)
  const exact = index.byName.get(asciiLower(name)) ?? []
  const general = index.general.filter((i) => patternsMatch(entries[i].patterns, name))
  const at = general.length ? [...exact, ...general].sort((a, b) => a - b) : exact
  return at.map((i) => entries[i])
}

const globs = new Map<string, RegExp>()

function globToRegExp(pattern: string): RegExp {
  let re = globs.get(pattern)
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
    globs.set(pattern, (re = new RegExp(`^${body}$`, 'i')))
  }
  return re
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, , salt, hmac] = pattern.split('|')
  if (!salt || !hmac) return false
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64')
  return digest === hmac
}

/** Does a comma-separated host pattern list match `name` (already in `[host]:port` form when port ≠ 22)? */
export function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) return hashedMatches(patterns, name)
  let matched = false
  for (const p of patterns.split(',')) {
    const negated = p.startsWith('!')
    const glob = negated ? p.slice(1) : p
    if (!globToRegExp(glob).test(name)) continue
    if (negated) return false
    matched = true
  }
  return matched
}

export function verifyHostKey(entries: KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = hostKeyName(host, port)
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(key))
  if (revoked) return { status: 'revoked', entry: revoked }
  const forHost = entriesFor(entries, name)
  if (forHost.some((e) => e.key.equals(key))) return { status: 'ok' }
  const type = keyTypeOf(key)
  const sameType = forHost.find((e) => e.keyType === type)
  if (sameType) return { status: 'changed', entry: sameType }
  return { status: 'unknown', knownTypes: [...new Set(forHost.map((e) => e.keyType))] }
}

/** Host key algorithms to ask for first, so a host known by its ECDSA key is not "unknown" by ED25519. */
export function preferredHostKeyAlgorithms(entries: KnownHostEntry[], host: string, port: number): string[] {
  const name = hostKeyName(host, port)
  const types = entriesFor(entries, name).map((e) => e.keyType)
  return [...new Set(types.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t])))]
}

export function knownHostsLine(host: string, port: number, key: Buffer, hashed = false): string {
  const name = hostKeyName(host, port)
  const pattern = hashed ? hashHostName(name) : name
  return `${pattern} ${keyTypeOf(key)} ${key.toString('base64')}`
}

export function hashHostName(name: string, salt = randomBytes(20)): string {
  const hmac = createHmac('sha1', salt).update(name).digest('base64')
  return `|1|${salt.toString('base64')}|${hmac}`
}

/** accept-new: append the key to the user's known_hosts (one write, O_APPEND: safe with parallel hosts). */
export function recordHostKey(file: string, host: string, port: number, key: Buffer): void {
  if (file !== '/dev/null') mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  appendFileSync(file, `${knownHostsLine(host, port, key)}\n`, { mode: 0o600 })
}
