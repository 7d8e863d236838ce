// find: files under directories that match every criterion given (names by glob or regex, age, size,
// content, type), with the stat data Ansible's find returns for each. One round trip lists the tree; a
// second reads file contents or checksums, only when `contains` or `get_checksum` asks for them.
import { ModuleError } from '../errors.js'
import { fnmatch } from '../util/fnmatch.js'
import { readFiles, walk, type Entry } from './lib/find-walk.js'
import { pyRegExp } from './lib/pyre.js'
import { ok } from './lib/result.js'
import { defineModule } from './types.js'

export interface FindArgs {
  paths: string[]
  patterns: string[]
  excludes?: string[]
  contains?: string
  read_whole_file: boolean
  file_type: 'any' | 'directory' | 'file' | 'link'
  age?: string
  age_stamp: 'atime' | 'ctime' | 'mtime'
  size?: string
  recurse: boolean
  hidden: boolean
  follow: boolean
  get_checksum: boolean
  use_regex: boolean
  depth?: number
}

const list = (description: string, aliases: string[] = []) => ({ type: 'array', items: { type: 'string' }, aliases, description })

/** `3d`, `-1w`, `3600` → seconds; `10m`, `-1k` → bytes. */
function amount(value: string, units: Record<string, number>, what: string): number {
  const m = new RegExp(`^(-?\\d+)([${Object.keys(units).join('')}])?$`).exec(value.toLowerCase())
  if (!m) throw new ModuleError(`failed to process ${what}`)
  return Number(m[1]) * (m[2] ? units[m[2]] : 1)
}

/** Python's posixpath.normpath. */
export function normpath(p: string): string {
  if (p === '') return '.'
  const initial = p.startsWith('//') && !p.startsWith('///') ? 2 : p.startsWith('/') ? 1 : 0
  const out: string[] = []
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue
    if (c !== '..' || (!initial && !out.length) || out[out.length - 1] === '..') out.push(c)
    else if (out.length) out.pop()
  }
  const s = '/'.repeat(initial) + out.join('/')
  return s || '.'
}

function statinfo(e: Entry, path: string): Record<string, unknown> {
  const m = e.mode
  return {
    path, mode: (m & 0o7777).toString(8).padStart(4, '0'),
    isdir: e.type === 'd', ischr: e.type === 'c', isblk: e.type === 'b', isreg: e.type === 'f', isfifo: e.type === 'p', islnk: e.type === 'l', issock: e.type === 's',
    uid: e.uid, gid: e.gid, size: e.size, inode: e.inode, dev: e.dev, nlink: e.nlink, atime: e.atime, mtime: e.mtime, ctime: e.ctime,
    gr_name: e.group, pw_name: e.user,
    wusr: !!(m & 0o200), rusr: !!(m & 0o400), xusr: !!(m & 0o100), wgrp: !!(m & 0o20), rgrp: !!(m & 0o40), xgrp: !!(m & 0o10),
    woth: !!(m & 0o2), roth: !!(m & 0o4), xoth: !!(m & 0o1), isuid: !!(m & 0o4000), isgid: !!(m & 0o2000),
  }
}

function nameFilter(a: FindArgs): (name: string) => boolean {
  const patterns = a.patterns.length ? a.patterns : [a.use_regex ? '.*' : '*']
  const excludes = a.excludes ?? []
  let test: (name: string, p: string) => boolean
  if (a.use_regex) {
    // re.match: anchored at the start only
    const compiled = new Map([...patterns, ...excludes].map((p) => {
      const re = pyRegExp(p, '', 'patterns')
      return [p, new RegExp(`^(?:${re.source})`, re.flags)] as const
    }))
    test = (name, p) => compiled.get(p)!.test(name)
  } else {
    test = fnmatch
  }
  return (name) => patterns.some((p) => test(name, p)) && !excludes.some((e) => test(name, e))
}

function contentFilter(pattern: string, whole: boolean): (bytes: Buffer | undefined) => boolean {
  const re = pyRegExp(pattern, '', 'contains')
  const anchored = new RegExp(`^(?:${re.source})`, re.flags)
  return (bytes) => {
    if (!bytes) return false
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r\n?/g, '\n')
    } catch {
      return false
    }
    // Python's $ also matches before a final newline: try the text with and without it
    if (whole) return re.test(text) || re.test(text.replace(/\n$/, ''))
    return text.split(/(?<=\n)/).some((line) => anchored.test(line) || anchored.test(line.replace(/\n$/, '')))
  }
}

export const find = defineModule<FindArgs>({
  name: 'find',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['paths'],
    description:
      'Lists the files under one or more directories that match every criterion given: name patterns (shell globs or Python regular ' +
      'expressions, on the base name), age, size, content and type. Each match comes with stat data (mode, owner, size, times…). ' +
      'Changes nothing; with `contains` or `get_checksum` it reads the candidate files in a second round trip.',
    examples: [
      `- name: Logs older than two weeks, recursively
  find:
    paths: /var/log/app
    patterns: "*.log,*.log.gz"
    age: 2w
    recurse: true
  register: old_logs

- name: Remove them
  file:
    path: "{{ item.path }}"
    state: absent
  loop: "{{ old_logs.files }}"

- name: Directories whose names match a regular expression
  find:
    paths: /srv
    file_type: directory
    use_regex: true
    patterns: ['^release-[0-9]+$']
`,
    ],
    properties: {
      paths: list('Directories to search (expanded on the host: ~ and $VAR). A string is split on commas.', ['name', 'path']),
      patterns: { ...list("Base names to select: shell globs, or Python regular expressions matched at the start of the name with use_regex. Default '*' ('.*')."), default: [], aliases: ['pattern'] },
      excludes: list('Base names to leave out, of the same kind as patterns.', ['exclude']),
      contains: { type: 'string', description: 'A Python regular expression the content must match (at a line start, or anywhere with read_whole_file). Regular files only.' },
      read_whole_file: { type: 'boolean', default: false, description: 'Search the whole content for contains, not line by line.' },
      file_type: { enum: ['any', 'directory', 'file', 'link'], default: 'file', description: 'The type of entry to select.' },
      age: { type: 'string', description: 'Select entries at least this old (s, m, h, d or w; seconds by default); negative: at most this old.' },
      age_stamp: { enum: ['atime', 'ctime', 'mtime'], default: 'mtime', description: 'The time age compares.' },
      size: { type: 'string', description: 'Select files at least this large (b, k, m, g or t; bytes by default); negative: at most this large. Not applied to directories.' },
      recurse: { type: 'boolean', default: false, description: 'Descend into subdirectories.' },
      hidden: { type: 'boolean', default: false, description: 'Include entries whose names start with a dot.' },
      follow: { type: 'boolean', default: false, description: 'Descend into directories reached through symbolic links.' },
      get_checksum: { type: 'boolean', default: false, description: 'Add the SHA-1 checksum of each regular file.' },
      use_regex: { type: 'boolean', default: false, description: 'patterns and excludes are Python regular expressions, not shell globs.' },
      depth: { type: 'integer', description: 'How many levels to descend at most (with recurse); 1 is the directory\'s own entries.' },
    },
  },
  async run(ctx, a) {
    const age = a.age === undefined ? undefined : amount(a.age, { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }, 'age')
    const size = a.size === undefined ? undefined : amount(a.size, { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }, 'size')
    const byName = nameFilter(a)
    const byContent = a.contains !== undefined ? contentFilter(a.contains, a.read_whole_file) : undefined
    // os.walk counts the entries of every directory it walks, those past `depth` included
    const maxDepth = !a.recurse ? 1 : a.depth ? Math.max(1, a.depth + 1) : undefined
    const { walked, now } = await walk(ctx, a.paths, maxDepth, a.follow, age !== undefined)
    const ageOk = (e: Entry) => {
      if (age === undefined) return true
      const d = now - e[a.age_stamp]
      return age >= 0 ? d >= age : d <= -age
    }
    const sizeOk = (e: Entry) => size === undefined || (size >= 0 ? e.size >= size : e.size <= -size)
    const picked: Array<{ e: Entry; path: string }> = []
    const skipped: Record<string, string> = {}
    const warnings: string[] = []
    let examined = 0
    for (const w of walked) {
      if (!w.isDir) {
        skipped[w.path] = `'${w.path}' is not a directory`
        warnings.push(`Skipped '${w.path}' path due to this access issue: ${skipped[w.path]}\n`)
        continue
      }
      examined += w.entries.length
      for (const e of w.entries) {
        if (a.depth && e.depth > a.depth) continue
        const name = e.rel.slice(e.rel.lastIndexOf('/') + 1)
        if (name.startsWith('.') && !a.hidden) continue
        const want =
          a.file_type === 'any' ? e.type !== 'f' || sizeOk(e) :
          a.file_type === 'directory' ? e.type === 'd' :
          a.file_type === 'file' ? e.type === 'f' && sizeOk(e) : e.type === 'l'
        if (want && byName(name) && ageOk(e)) picked.push({ e, path: normpath(`${w.path}/${e.rel}`) })
      }
      if (w.error) {
        skipped[w.path] = w.error
        warnings.push(`Skipped '${w.path}' path due to this access issue: ${w.error}\n`)
      }
    }
    const regular = picked.filter((p) => p.e.type === 'f').map((p) => p.path)
    const needSha = a.get_checksum && a.file_type !== 'directory' && a.file_type !== 'link' ? regular : []
    const needContent = byContent && a.file_type === 'file' ? regular : []
    const read = needSha.length || needContent.length ? await readFiles(ctx, needSha, needContent) : undefined
    const matched = picked
      .filter((p) => !byContent || a.file_type !== 'file' || byContent(read?.content.get(p.path)))
      .map(({ e, path }) => {
        const sha = read?.sha.get(path)
        return sha === undefined ? statinfo(e, path) : { ...statinfo(e, path), checksum: sha }
      })
    const msg = warnings.length ? 'Not all paths examined, check warnings for details' : 'All paths examined'
    return ok(msg, { files: matched, matched: matched.length, examined, skipped_paths: skipped, ...(warnings.length ? { warnings } : {}) })
  },
})
