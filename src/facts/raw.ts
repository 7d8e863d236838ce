// What the gather script printed, taken apart: the files it read, the paths it stat'ed, the commands it
// found and each step's output. Collectors read facts from this, never from the host again.
import { SECTION } from './probe.js'

export interface StatEntry {
  type: 'f' | 'd' | 'l' | 'o'
  /** device:inode */
  id: string
  /** a symlink's target, as readlink prints it */
  target?: string
}

export interface Raw {
  files: Map<string, string>
  stat: Map<string, StatEntry>
  bins: Map<string, string>
  sections: Map<string, string>
  stderr: string
}

export function parseRaw(stdout: string, stderr: string, nonce: string): Raw {
  const sections = splitSections(stdout, `@@${nonce}`)
  const bins = new Map<string, string>()
  for (const line of (sections.get(SECTION.bins) ?? '').split('\n')) {
    if (line.startsWith('/')) bins.set(line.slice(line.lastIndexOf('/') + 1), line)
  }
  const args = (sections.get(SECTION.args) ?? '').split('\n').slice(0, -1)
  const pid = (sections.get(SECTION.pid) ?? '').trim()
  return {
    files: ownPid(splitHead(sections.get(SECTION.files) ?? '', args), pid),
    stat: ownPid(parseStat(sections.get(SECTION.stat) ?? ''), pid),
    bins,
    sections,
    stderr,
  }
}

/** Keys under /proc/<the shell's pid>/ named /proc/$$/ again, as the probes wrote them. */
function ownPid<T>(map: Map<string, T>, pid: string): Map<string, T> {
  if (!pid) return map
  const prefix = `/proc/${pid}/`
  return new Map([...map].map(([k, v]) => [k.startsWith(prefix) ? `/proc/$$/${k.slice(prefix.length)}` : k, v]))
}

function splitSections(stdout: string, marker: string): Map<string, string> {
  const out = new Map<string, string>()
  const parts = stdout.split(`\n${marker} `)
  for (const part of parts.slice(1)) {
    const nl = part.indexOf('\n')
    if (nl < 0) out.set(part, '')
    else out.set(part.slice(0, nl), part.slice(nl + 1))
  }
  return out
}

/**
 * `head -v -n -0 a b c` prints `==> a <==\n<a>` then `\n==> b <==\n<b>`…; a header is taken only when it
 * names one of the expanded arguments later than the previous header's, so a file holding a line like
 * `==> x <==` cannot cut another file short (unless it names exactly a later file, which is harmless).
 */
export function splitHead(text: string, args: string[]): Map<string, string> {
  const order = new Map<string, number[]>() // a path given twice (a glob and a name) is printed twice
  args.forEach((a, i) => order.set(a, [...(order.get(a) ?? []), i]))
  const headers: Array<{ path: string; start: number; end: number }> = []
  let last = -1
  const re = /(^|\n)==> (.*) <==\n/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const index = order.get(m[2])?.find((i) => i > last)
    if (index === undefined) {
      re.lastIndex = m.index + 1
      continue
    }
    last = index
    headers.push({ path: m[2], start: m.index, end: m.index + m[0].length })
  }
  const files = new Map<string, string>()
  headers.forEach((h, i) => {
    const next = headers[i + 1]
    if (!files.has(h.path)) files.set(h.path, text.slice(h.end, next ? next.start : text.length))
  })
  return files
}

function parseStat(text: string): Map<string, StatEntry> {
  const out = new Map<string, StatEntry>()
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+) (\d+:\d+) (.*)$/.exec(line)
    if (!m) continue
    const mode = parseInt(m[1], 16) & 0o170000
    const type = mode === 0o120000 ? 'l' : mode === 0o040000 ? 'd' : mode === 0o100000 ? 'f' : 'o'
    const arrow = type === 'l' ? m[3].indexOf(' -> ') : -1
    const name = unquote(arrow < 0 ? m[3] : m[3].slice(0, arrow))
    out.set(name, { type, id: m[2], ...(arrow < 0 ? {} : { target: unquote(m[3].slice(arrow + 4)) }) })
  }
  return out
}

// stat before coreutils 8.26 quotes %N whatever QUOTING_STYLE says
function unquote(s: string): string {
  const m = /^(['"‘`])(.*)(['"’])$/.exec(s)
  return m ? m[2] : s
}

/** A file's content as Ansible's get_file_content gives it: stripped, and undefined when missing or empty. */
export function content(raw: Raw, path: string): string | undefined {
  const text = raw.files.get(path)?.trim()
  return text ? text : undefined
}

/** A file's lines (get_file_lines): none when the file is missing or empty. */
export function lines(raw: Raw, path: string): string[] {
  const text = content(raw, path)
  return text === undefined ? [] : text.split('\n')
}

/** os.path.exists: the path, or (through a symlink) its target. `dir`: only a directory counts. */
export function exists(raw: Raw, path: string, dir = false): boolean {
  const entry = raw.stat.get(path)
  if (!entry) return false
  return dir ? entry.type === 'd' : true
}

/** Paths read or stat'ed under `dir` (one level), sorted: how a glob there expanded. */
export function children(raw: Raw, dir: string, from: 'files' | 'stat' = 'stat'): string[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`
  const names = new Set<string>()
  for (const path of raw[from].keys()) {
    if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0])
  }
  return [...names].sort()
}
