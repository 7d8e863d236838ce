// The one way user values enter a shell command line, and the `quote` filter: Python's shlex.quote, so
// the text is Ansible's. POSIX single quotes take every byte literally except the single quote itself,
// which is closed, given in double quotes and reopened ('"'"').

export function quote(value: string | number): string {
  const s = String(value)
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s
  return `'${s.replace(/'/g, `'"'"'`)}'`
}

/** Joins argv into a command line, quoting each word. */
export function quoteArgv(argv: ReadonlyArray<string | number>): string {
  return argv.map(quote).join(' ')
}

/** Template literal tag: `sh\`test -f ${path}\`` quotes every interpolated value. */
export function sh(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? quote(values[i]) : ''), '')
}

// printf's format takes these bytes literally; every other byte is written as an escape
const isPlain = (b: number) => b >= 0x20 && b < 0x7f && b !== 0x25 && b !== 0x27 && b !== 0x5c // not % ' \

/**
 * A command that writes `bytes` to stdout byte-exact: the builtin printf with octal escapes (POSIX; no
 * process on the host) unless that is longer than base64, which binary content pipes through base64 -d.
 */
export function printfBytes(bytes: Buffer): string {
  if (bytes.length === 0) return ':'
  const parts: string[] = []
  let plainFrom = -1
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    // a leading '-' would read as an option of printf
    if (isPlain(b) && !(i === 0 && b === 0x2d)) {
      if (plainFrom < 0) plainFrom = i
      continue
    }
    if (plainFrom >= 0) parts.push(bytes.toString('latin1', plainFrom, i))
    plainFrom = -1
    parts.push(b === 0x0a ? '\\n' : `\\${b.toString(8).padStart(3, '0')}`)
  }
  if (plainFrom >= 0) parts.push(bytes.toString('latin1', plainFrom))
  const format = parts.join('')
  const b64 = bytes.toString('base64')
  return format.length <= b64.length ? `printf '${format}'` : `printf %s '${b64}' | base64 -d`
}
