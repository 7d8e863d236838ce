// `k=v` and free-form module arguments, ported from Ansible's parsing/splitter.py (split_args,
// parse_kv) so `command: chdir=/tmp echo "a b" c=d` splits exactly as Ansible splits it.
import { ConfigError, type SourcePosition } from '../errors.js'

/** The keys Ansible extracts from a free-form command line; every other `k=v` stays in the command. */
export const FREE_FORM_KEYS = new Set(['creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends'])

function quoteState(token: string, quote: string | undefined): string | undefined {
  for (let i = 0; i < token.length; i++) {
    const c = token[i]
    if ((c === '"' || c === "'") && (i === 0 || token[i - 1] !== '\\')) {
      if (quote) {
        if (c === quote) quote = undefined
      } else quote = c
    }
  }
  return quote
}

function countBlocks(token: string, depth: number, open: string, close: string): number {
  const opened = token.split(open).length - 1
  const closed = token.split(close).length - 1
  return opened === closed ? depth : Math.max(0, depth + opened - closed)
}

/** Splits on spaces, keeping quoted strings and `{{ }}` / `{% %}` / `{# #}` blocks whole. */
export function splitArgs(args: string, where?: SourcePosition): string[] {
  const params: string[] = []
  const lines = args.split('\n')
  let quote: string | undefined
  let inQuotes = false
  let print = 0
  let block = 0
  let comment = 0
  lines.forEach((line, lineIndex) => {
    const tokens = line.split(' ')
    let continuation = false
    tokens.forEach((token, i) => {
      if (token.length === 0 && i !== 0) {
        params[params.length - 1] += ' '
        return
      }
      if (token === '\\' && !inQuotes) {
        continuation = true
        return
      }
      const wasInQuotes = inQuotes
      quote = quoteState(token, quote)
      inQuotes = quote !== undefined
      let appended = false
      if (inQuotes && !wasInQuotes && !(print || block || comment)) {
        params.push(token)
        appended = true
      } else if (print || block || comment || inQuotes || wasInQuotes) {
        if (i === 0 && wasInQuotes) params[params.length - 1] += token
        else if (tokens.length > 1) params[params.length - 1] += (i > 0 ? ' ' : '') + token
        else params[params.length - 1] += '\n' + token
        appended = true
      }
      for (const [get, set, open, close] of [
        [() => print, (v: number) => (print = v), '{{', '}}'],
        [() => block, (v: number) => (block = v), '{%', '%}'],
        [() => comment, (v: number) => (comment = v), '{#', '#}'],
      ] as const) {
        const before = get()
        set(countBlocks(token, before, open, close))
        if (get() !== before && !appended) {
          params.push(token)
          appended = true
        }
      }
      if (!(print || block || comment) && !inQuotes && !appended && token !== '') params.push(token)
    })
    if (lines.length > 1 && lineIndex !== lines.length - 1 && !continuation && params.length > 0) params[params.length - 1] += '\n'
  })
  if (print || block || comment || inQuotes) {
    throw new ConfigError(`cannot split arguments: unbalanced ${inQuotes ? 'quotes' : 'template braces'} in ${JSON.stringify(args)}`, where)
  }
  return params
}

/** Joins split_args() tokens back, keeping newlines (Ansible's join_args). */
export function joinArgs(tokens: string[]): string {
  let out = ''
  for (const t of tokens) out += out.length === 0 || out.endsWith('\n') ? t : ' ' + t
  return out
}

function unquote(s: string): string {
  const quoted = s.length > 1 && s[0] === s.at(-1) && (s[0] === '"' || s[0] === "'") && s.at(-2) !== '\\'
  return quoted ? s.slice(1, -1) : s
}

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }

// Python's unicode-escape decoding of the sequences Ansible's _decode_escapes matches.
function decodeEscapes(s: string): string {
  return s.replace(/\\U([0-9a-fA-F]{8})|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\(["'\\abfnrtv])/g, (_m, u8, u4, x2, c) =>
    u8 || u4 || x2 ? String.fromCodePoint(parseInt(u8 ?? u4 ?? x2, 16)) : ESCAPES[c],
  )
}

/**
 * `a=1 b="x y"` → { a: '1', b: 'x y' }. Tokens without `=` are free-form and land, joined, in
 * `_raw_params`. With `checkRaw` (command-like modules), only FREE_FORM_KEYS are taken as options.
 */
export function parseKv(args: string, checkRaw = false, where?: SourcePosition): Record<string, string> {
  const options: Record<string, string> = {}
  const raw: string[] = []
  for (const original of splitArgs(args, where)) {
    const x = decodeEscapes(original)
    let pos = -1
    for (let i = 1; i < x.length; i++) {
      if (x[i] === '=' && x[i - 1] !== '\\') {
        pos = i
        break
      }
    }
    if (!x.includes('=')) raw.push(original)
    else if (pos === -1) raw.push(x.replace(/\\=/g, '='))
    else {
      const key = x.slice(0, pos)
      if (checkRaw && !FREE_FORM_KEYS.has(key)) raw.push(original)
      else options[key.trim()] = unquote(x.slice(pos + 1).trim())
    }
  }
  if (raw.length > 0) options._raw_params = joinArgs(raw)
  return options
}
