// INI text as Python's configparser.ConfigParser() reads it for ansible_local: sections, `key = value` or
// `key: value` (keys lowercased), full-line `#`/`;` comments, indented continuation lines, [DEFAULT]
// inherited by every section, %(name)s interpolation. A file it would reject throws.

export class IniError extends Error {}

export function parseIni(text: string): Record<string, Record<string, string>> {
  const sections = new Map<string, Map<string, string[]>>()
  const defaults = new Map<string, string[]>()
  let current: Map<string, string[]> | undefined
  let key: string | undefined
  let keyIndent = 0
  const lines = text.split(/\r?\n/)
  lines.forEach((line, n) => {
    const indent = line.length - line.trimStart().length
    const stripped = line.trim()
    if (stripped.startsWith('#') || stripped.startsWith(';')) return
    if (stripped === '') {
      if (current && key !== undefined) current.get(key)!.push('')
      return
    }
    if (current && key !== undefined && indent > keyIndent) {
      current.get(key)!.push(stripped)
      return
    }
    const header = /^\[([^\]]+)\]/.exec(stripped)
    if (header) {
      const name = header[1]
      if (name === 'DEFAULT') current = defaults
      else {
        if (sections.has(name)) throw new IniError(`section '${name}' already exists (line ${n + 1})`)
        current = new Map()
        sections.set(name, current)
      }
      key = undefined
      return
    }
    if (!current) throw new IniError(`File contains no section headers (line ${n + 1})`)
    const m = /^(.*?)\s*[=:]\s*(.*)$/.exec(stripped)
    if (!m || m[1] === '') throw new IniError(`line ${n + 1}: ${line}`)
    key = m[1].toLowerCase()
    if (current.has(key)) throw new IniError(`option '${key}' already exists (line ${n + 1})`)
    keyIndent = indent
    current.set(key, [m[2]])
  })
  const join = (v: string[]) => {
    while (v.length > 1 && v[v.length - 1] === '') v.pop()
    return v.join('\n')
  }
  const out: Record<string, Record<string, string>> = {}
  for (const [name, options] of sections) {
    const raw: Record<string, string> = {}
    for (const [k, v] of defaults) raw[k] = join(v)
    for (const [k, v] of options) raw[k] = join(v)
    out[name] = Object.fromEntries(Object.keys(raw).map((k) => [k, interpolate(raw[k], raw, 0)]))
  }
  return out
}

function interpolate(value: string, vars: Record<string, string>, depth: number): string {
  if (depth > 10) throw new IniError('interpolation too deep')
  return value.replace(/%(%|\(([^)]*)\)s|.?)/g, (m, what: string, name?: string) => {
    if (what === '%') return '%'
    if (name === undefined) throw new IniError(`'%' must be followed by '%' or '(' in ${value}`)
    const ref = vars[name.toLowerCase()]
    if (ref === undefined) throw new IniError(`bad interpolation variable reference ${m}`)
    return interpolate(ref, vars, depth + 1)
  })
}
