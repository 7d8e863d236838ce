// APT one-line sources (sources.list and sources.list.d/*.list) as Ansible's apt_repository reads, edits and
// renders them: each line parsed into (valid, enabled, source, comment), a repository added to the file
// named after its URL (or enabled where it already is), removed where it is enabled, files rendered back
// line by line. Pure functions: the module reads and writes the files.
import { ModuleError } from '../../errors.js'

export interface SourceLine { n: number; valid: boolean; enabled: boolean; source: string; comment: string }
export type Sources = Map<string, SourceLine[]> // file → lines, in the order apt reads the files

const TYPES = ['deb', 'deb-src']

/** SourcesList._parse: a line's state; `strict` refuses what is not an enabled deb/deb-src line. */
export function parseSource(raw: string, strict = false): Omit<SourceLine, 'n'> {
  let line = raw.trim()
  let enabled = true
  let comment = ''
  let valid = false
  if (line.startsWith('#')) {
    enabled = false
    line = line.slice(1)
  }
  const i = line.indexOf('#')
  if (i > 0) {
    comment = line.slice(i + 1).trim()
    line = line.slice(0, i)
  }
  let source = line.trim()
  if (source) {
    const chunks = source.split(/\s+/)
    if (TYPES.includes(chunks[0])) {
      valid = true
      source = chunks.join(' ')
    }
  }
  if (strict && (!valid || !enabled)) throw new ModuleError(`Invalid repository string: ${line}`)
  return { valid, enabled, source, comment }
}

export function loadSources(text: string): SourceLine[] {
  return (text === '' ? [] : text.split(/(?<=\n)/)).map((l, n) => ({ n, ...parseSource(l) }))
}

const renderLine = (s: SourceLine) => `${s.enabled ? '' : '# '}${s.source}${s.comment ? ` # ${s.comment}` : ''}\n`

/** SourcesList.dump: each file that still has lines, rendered. */
export function dumpSources(files: Sources): Map<string, string> {
  const out = new Map<string, string>()
  for (const [f, lines] of files) if (lines.length) out.set(f, lines.map(renderLine).join(''))
  return out
}

/** _suggest_filename: the repository's host and path, non-alphanumerics as underscores, plus .list. */
export function suggestFilename(source: string, filename?: string): string {
  if (filename !== undefined) return `${filename}.list`
  const line = source.replace(/\[[^\]]+\]/g, '').replace(/[\p{L}\p{N}_]+:\/\//gu, '')
  const parts = line.split(/\s+/).filter((p) => p && !TYPES.includes(p))
  let first = parts[0] ?? ''
  if (first.includes('@')) first = first.slice(first.indexOf('@') + 1)
  return `${first.replace(/[^a-zA-Z0-9]/g, ' ').split(/\s+/).filter(Boolean).join('_')}.list`
}

/** add_source: enable every line that is the repository, or append it to its file (a new file if need be). */
export function addSource(files: Sources, repo: string, file: string, partsDir: string): Sources {
  const source = parseSource(repo, true).source
  const out: Sources = new Map([...files].map(([f, l]) => [f, l.map((x) => ({ ...x }))]))
  let found = false
  for (const lines of out.values()) {
    for (const l of lines) {
      if (l.valid && l.source === source) {
        l.enabled = true
        found = true
      }
    }
  }
  if (!found) {
    const path = file.includes('/') ? file : `${partsDir.replace(/\/+$/, '')}/${file}`
    const lines = out.get(path) ?? []
    lines.push({ n: lines.length, valid: true, enabled: true, source, comment: '' })
    out.set(path, lines)
  }
  return out
}

/** remove_source: drop enabled lines that are the repository (by their original index, as Ansible pops them). */
export function removeSource(files: Sources, repo: string): Sources {
  const source = parseSource(repo, true).source
  const out: Sources = new Map([...files].map(([f, l]) => [f, l.map((x) => ({ ...x }))]))
  for (const lines of out.values()) {
    // Ansible pops line `n` from the list it is iterating: the next line is skipped, a later pop may hit another line
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]
      if (l.valid && l.enabled && l.source === source && l.n < lines.length) lines.splice(l.n, 1)
    }
  }
  return out
}
