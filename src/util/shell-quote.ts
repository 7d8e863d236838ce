// The one way user values enter a shell command line. POSIX single quotes take every byte
// literally except the single quote itself, which is closed, escaped and reopened.

export function quote(value: string | number): string {
  const s = String(value)
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s
  return `'${s.replace(/'/g, `'\\''`)}'`
}

/** Joins argv into a command line, quoting each word. */
export function quoteArgv(argv: ReadonlyArray<string | number>): string {
  return argv.map(quote).join(' ')
}

/** Template literal tag: `sh\`test -f ${path}\`` quotes every interpolated value. */
export function sh(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? quote(values[i]) : ''), '')
}
