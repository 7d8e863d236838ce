// Every secret tsplay learns (vault plaintexts, become and connection passwords, no_log values) goes into a
// SecretRegistry; reporters, error printers and debug output pass text through redact() before writing it.
// Matching walks a trie of all secrets from each text position, so the cost grows with the text (times
// the length of a partial match), not with the number of secrets (a regex alternation of thousands of
// literals, or a startsWith per secret, would).
//
// What is masked is the secret and every form of it that still reads as the secret: trimmed, JSON-escaped,
// shell-quoted, per line, in any letter case (lower, upper, capitalize, title), base64 (whole, URL-safe,
// and inside any larger base64 stream) and percent-encoded (urlencode). A transformation that makes it
// something else (replace, regex_replace, a slice, reverse, hash) is not recognised: README says so.
import { quote } from '../util/shell-quote.js'

export const MASK = '********'

/** Secrets shorter than this get no base64 forms (their cores would be too short to be specific). */
const MIN_BASE64_LENGTH = 6

/** Lines of a multi-line secret shorter than this are not masked on their own (a lone `}` or `-----`). */
const MIN_LINE_LENGTH = 4

export interface AddOptions {
  /** Ignore values shorter than this (used for every leaf of a whole-file vault). Default 1. */
  minLength?: number
}

interface TrieNode {
  next: Map<number, TrieNode> // by UTF-16 code unit
  end: boolean // a secret ends here
}

export class SecretRegistry {
  private readonly values = new Set<string>()
  private trie: TrieNode | undefined

  /** Registers a secret and the forms it takes in output: trimmed, JSON-escaped, shell-quoted, per line. */
  add(value: string | number | Buffer, options: AddOptions = {}): void {
    const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value)
    if (text.length < Math.max(1, options.minLength ?? 1)) return
    const forms = new Set([text, text.trim(), JSON.stringify(text).slice(1, -1), quote(text), encodeURIComponent(text)])
    for (const core of base64Cores(text)) forms.add(core)
    if (Buffer.byteLength(text) >= MIN_BASE64_LENGTH) {
      const b64 = Buffer.from(text, 'utf8').toString('base64')
      forms.add(b64)
      forms.add(b64.replace(/\+/g, '-').replace(/\//g, '_'))
    }
    if (/[\r\n]/.test(text)) {
      for (const line of text.split(/\r?\n|\r/)) if (line.trim().length >= MIN_LINE_LENGTH) forms.add(line.trim())
    }
    for (const form of forms) {
      if (form.length > 0 && !this.values.has(form)) {
        this.values.add(form)
        this.trie = undefined
      }
    }
  }

  /** Adds every string and number leaf of a parsed document (a whole-file vault's values). */
  addLeaves(value: unknown, options: AddOptions = {}): void {
    if (typeof value === 'string' || typeof value === 'number') this.add(value, options)
    else if (Array.isArray(value)) for (const item of value) this.addLeaves(item, options)
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) this.addLeaves(item, options)
  }

  has(value: string): boolean {
    return this.values.has(value)
  }

  get size(): number {
    return this.values.size
  }

  /** Masks every registered secret in text as ******** (longest match wins; letter case is ignored). */
  redact(text: string): string {
    if (this.values.size === 0 || text.length === 0) return text
    const root = this.buildTrie()
    let out = ''
    let copied = 0
    let i = 0
    while (i < text.length) {
      let node = root.next.get(foldCase(text.charCodeAt(i)))
      let length = 0
      for (let j = i + 1; node !== undefined; j++) {
        if (node.end) length = j - i
        if (j >= text.length) break
        node = node.next.get(foldCase(text.charCodeAt(j)))
      }
      if (length === 0) {
        i++
        continue
      }
      out += text.slice(copied, i) + MASK
      i += length
      copied = i
    }
    return copied === 0 ? text : out + text.slice(copied)
  }

  /** A copy of value with every string (keys too) redacted: for JSON events and results. */
  redactValue<T>(value: T): T {
    return this.redactDeep(value, new WeakMap()) as T
  }

  private redactDeep(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value)
    if (value === null || typeof value !== 'object' || this.values.size === 0) return value
    if (seen.has(value)) return seen.get(value)
    if (Array.isArray(value)) {
      const copy: unknown[] = []
      seen.set(value, copy)
      for (const item of value) copy.push(this.redactDeep(item, seen))
      return copy
    }
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) return value // Dates, Buffers, class instances: left alone
    const copy: Record<string, unknown> = {}
    seen.set(value, copy)
    for (const [key, item] of Object.entries(value)) copy[this.redact(key)] = this.redactDeep(item, seen)
    return copy
  }

  private buildTrie(): TrieNode {
    if (this.trie) return this.trie
    const root: TrieNode = { next: new Map(), end: false }
    for (const secret of this.values) {
      let node = root
      for (let k = 0; k < secret.length; k++) {
        const code = foldCase(secret.charCodeAt(k))
        let child = node.next.get(code)
        if (!child) node.next.set(code, (child = { next: new Map(), end: false }))
        node = child
      }
      node.end = true
    }
    this.trie = root
    return root
  }
}

const folded = new Map<number, number>()

/** One UTF-16 code unit in lower case (where lower-casing keeps it one unit): `lower`/`upper` keep a match. */
function foldCase(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code
  let f = folded.get(code)
  if (f === undefined) {
    const lower = String.fromCharCode(code).toLowerCase()
    folded.set(code, (f = lower.length === 1 ? lower.charCodeAt(0) : code))
  }
  return f
}

/**
 * The registry of this process's run: keyringFromOptions fills it by default, so the CLI's last-resort
 * error printer (main.ts reportError) can redact without the registry being passed down to it.
 */
export const processSecrets = new SecretRegistry()

/**
 * The base64 text a secret produces inside any larger base64 stream (file content shipped as
 * `base64 -d` input shows up in -vvv command lines): one form per byte alignment (0, 1, 2), keeping
 * only the characters that depend on the secret's bytes alone.
 */
function base64Cores(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length < MIN_BASE64_LENGTH) return []
  const cores: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    const start = offset === 0 ? 0 : 4 // the first group mixes in bytes before the secret
    const end = Math.floor((offset + bytes.length) / 3) * 4 // a partial last group mixes in bytes after it
    if (end - start >= 4) cores.push(encoded.slice(start, end))
  }
  return cores
}
