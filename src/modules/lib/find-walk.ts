// find's walk: one snippet lists every entry under each path with GNU find's -printf (lstat data, NUL
// separated, base64 on the wire so any name arrives intact); the controller puts the entries in the order
// Python's os.walk yields them (a directory's non-directories, then its directories, then each directory's
// contents), as Ansible's find returns them.
import { quote } from '../../util/shell-quote.js'
import type { ModuleContext } from '../types.js'
import { assignPath } from './host-path.js'
import { runSnippet } from './snippet.js'

export interface Entry {
  rel: string // path below the searched directory
  depth: number
  type: string // find's %y: f d l b c p s
  dirLike: boolean // os.walk puts it among the directories (a directory, or a link to one)
  mode: number
  uid: number
  gid: number
  user: string
  group: string
  size: number
  inode: number
  dev: number
  nlink: number
  atime: number
  mtime: number
  ctime: number
}

export interface Walked {
  path: string // as given, expanded on the host
  isDir: boolean
  entries: Entry[] // in os.walk order
  error?: string
}

const FIELDS = '%y\\0%Y\\0%m\\0%U\\0%G\\0%u\\0%g\\0%s\\0%i\\0%D\\0%n\\0%A@\\0%T@\\0%C@\\0%d\\0%P\\0'
// a symbolic link's own data (stat without -L reads the link), for follow: find -L reports the target's
const STAT = '%F\\0%a\\0%u\\0%g\\0%U\\0%G\\0%s\\0%i\\0%d\\0%h\\0%.9X\\0%.9Y\\0%.9Z\\0%n\\0'

/** The sh that walks each path; its whole output travels as base64. */
export function walkScript(paths: string[], maxDepth: number | undefined, follow: boolean, clock = false): string {
  const depth = maxDepth === undefined ? '' : ` -maxdepth ${maxDepth}`
  // the host's clock, for age: Ansible compares with time.time() on the host
  const lines = ['{', clock ? `printf 'T\\0%s\\0' "$(date +%s.%N)"` : '']
  paths.forEach((p, i) => {
    lines.push(assignPath('p', p), `printf 'P\\0%s\\0%s\\0' ${i} "$p"`)
    lines.push(`if [ -d "$p" ]; then`)
    if (follow) {
      // -L walks into linked directories; a link's own lstat data follows the listing, keyed by its path
      lines.push(`  err=$( { find -L "$p" -mindepth 1${depth} \\( -xtype l -printf 'L\\0' -o -printf 'R\\0' \\) -printf '${FIELDS}' >&3; } 2>&1 ); rc=$?`)
      lines.push(`  find -L "$p" -mindepth 1${depth} -xtype l -exec stat --printf 'S\\0${STAT}' -- {} + 2>/dev/null`)
    } else {
      lines.push(`  err=$( { find "$p" -mindepth 1${depth} -printf 'R\\0${FIELDS}' >&3; } 2>&1 ); rc=$?`)
    }
    lines.push(`  printf 'X\\0%s\\0%s\\0' "$rc" "$err"`, `else printf 'N\\0'; fi`)
  })
  lines.push('} 3>&1 | base64 -w0')
  return lines.join('\n')
}

const TYPES: Record<string, string> = { 'regular file': 'f', 'regular empty file': 'f', directory: 'd', 'symbolic link': 'l', fifo: 'p', socket: 's', 'block special file': 'b', 'character special file': 'c' }

/** Parses the walk's output (NUL-separated tokens) into one Walked per path. */
export function parseWalk(out: Buffer, follow: boolean): { walked: Walked[]; now: number } {
  const tokens = out.toString('utf8').split('\0')
  type Pending = Walked & { raw: Entry[]; links: Map<string, string[]> }
  const result: Pending[] = []
  let now = 0
  let cur: Pending | undefined
  let i = 0
  const take = (k: number) => tokens.slice(i, (i += k))
  while (i < tokens.length - 1) {
    const tag = tokens[i++]
    if (tag === 'T') {
      now = Number(take(1)[0])
    } else if (tag === 'P') {
      const [, path] = take(2)
      cur = { path, isDir: false, entries: [], raw: [], links: new Map() }
      result.push(cur)
    } else if (tag === 'N') {
      cur!.isDir = false
    } else if (tag === 'R' || tag === 'L') {
      cur!.isDir = true
      const f = take(16)
      const e: Entry = {
        type: tag === 'L' ? 'l' : f[0], dirLike: f[1] === 'd', mode: parseInt(f[2], 8), uid: Number(f[3]), gid: Number(f[4]),
        user: f[5] === f[3] ? '' : f[5], group: f[6] === f[4] ? '' : f[6], size: Number(f[7]), inode: Number(f[8]), dev: Number(f[9]),
        nlink: Number(f[10]), atime: Number(f[11]), mtime: Number(f[12]), ctime: Number(f[13]), depth: Number(f[14]), rel: f[15],
      }
      cur!.raw.push(e)
    } else if (tag === 'S') {
      const f = take(14)
      cur!.links.set(f[13], f)
    } else if (tag === 'X') {
      const [rc, err] = take(2)
      cur!.isDir = true
      if (rc !== '0') cur!.error = err.trim().split('\n')[0] || `find exited ${rc}`
    }
  }
  const walked = result.map(({ raw, links, ...w }): Walked => {
    if (follow) fixLinks(raw, links, w.path)
    return { ...w, entries: walkOrder(raw) }
  })
  return { walked, now }
}

/** find -L printed a link's target data: replace it with the link's own (what Python's lstat gives). */
function fixLinks(entries: Entry[], links: Map<string, string[]>, root: string): void {
  for (const e of entries) {
    if (e.type !== 'l') continue
    const full = root.endsWith('/') ? root + e.rel : `${root}/${e.rel}`
    const f = links.get(full)
    if (!f) continue
    Object.assign(e, {
      type: TYPES[f[0]] ?? 'l', mode: parseInt(f[1], 8), uid: Number(f[2]), gid: Number(f[3]), user: f[4] === 'UNKNOWN' ? '' : f[4],
      group: f[5] === 'UNKNOWN' ? '' : f[5], size: Number(f[6]), inode: Number(f[7]), dev: Number(f[8]), nlink: Number(f[9]),
      atime: Number(f[10]), mtime: Number(f[11]), ctime: Number(f[12]),
    })
  }
}

/** os.walk's top-down order from find's pre-order listing (a directory's entries stay in readdir order). */
function walkOrder(entries: Entry[]): Entry[] {
  const children = new Map<string, Entry[]>()
  for (const e of entries) {
    const slash = e.rel.lastIndexOf('/')
    const parent = slash < 0 ? '' : e.rel.slice(0, slash)
    const list = children.get(parent)
    if (list) list.push(e)
    else children.set(parent, [e])
  }
  const out: Entry[] = []
  const visit = (dir: string) => {
    const list = children.get(dir) ?? []
    const dirs = list.filter((e) => e.dirLike)
    out.push(...list.filter((e) => !e.dirLike), ...dirs)
    for (const d of dirs) visit(d.rel)
  }
  visit('')
  return out
}

/** Runs the walk on the host. */
export async function walk(ctx: ModuleContext, paths: string[], maxDepth: number | undefined, follow: boolean, clock: boolean): Promise<{ walked: Walked[]; now: number }> {
  const r = await runSnippet(ctx, walkScript(paths, maxDepth, follow, clock))
  return parseWalk(Buffer.from(r.stdout.trim(), 'base64'), follow)
}

/** Second round trip (only when asked): SHA-1 of some files, and/or their content for `contains`. */
export async function readFiles(ctx: ModuleContext, sha: string[], content: string[]): Promise<{ sha: Map<string, string>; content: Map<string, Buffer | undefined> }> {
  const script = [
    `set -- ${sha.map(quote).join(' ')}`,
    `for f; do s=$(sha1sum < "$f" 2>/dev/null) || s=; printf 'C\\0%s\\0' "\${s%% *}"; done`,
    `set -- ${content.map(quote).join(' ')}`,
    `for f; do if [ -r "$f" ]; then printf 'F\\0'; base64 -w0 < "$f" 2>/dev/null; printf '\\0'; else printf 'U\\0\\0'; fi; done`,
  ]
  const r = await runSnippet(ctx, `{\n${script.join('\n')}\n} | base64 -w0`)
  const tokens = Buffer.from(r.stdout.trim(), 'base64').toString('latin1').split('\0')
  const shaMap = new Map<string, string>()
  const contentMap = new Map<string, Buffer | undefined>()
  let s = 0
  let c = 0
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    if (tokens[i] === 'C') shaMap.set(sha[s++], tokens[i + 1])
    else contentMap.set(content[c++], tokens[i] === 'F' ? Buffer.from(tokens[i + 1], 'base64') : undefined)
  }
  return { sha: shaMap, content: contentMap }
}
