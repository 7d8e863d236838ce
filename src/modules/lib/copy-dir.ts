// copy with a controller directory as src: one snippet lists what dest holds (types, modes, owners,
// sha256), then only missing or different files are sent, each installed by ensure-file's finalize (a
// temp file beside it, renamed over it), and one snippet fixes attributes of the files already right.
import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { ModuleError } from '../../errors.js'
import { quote } from '../../util/shell-quote.js'
import type { ModuleContext, TaskResult } from '../types.js'
import { planAttrs, type AttrArgs } from './attrs.js'
import { applyMode, formatMode, parseMode } from './mode.js'
import { writeFile } from './ensure-file.js'
import { changed, ok } from './result.js'
import { decode64, runSnippet, type Fields } from './snippet.js'

export interface CopyDirArgs extends AttrArgs {
  src: string // local directory
  dest: string
  contentsOnly: boolean // src ended with '/': copy what is inside, not the directory itself
  directory_mode?: string | number
  force?: boolean
  localFollow?: boolean // default true: symlinks in src are copied as what they point to (see walk)
  read?: (path: string) => Buffer // a controller file's bytes (copy: vault files decrypted)
}

interface LocalTree { dirs: string[]; files: Array<{ rel: string; sha: string; path: string }>; links: Array<{ rel: string; target: string }> }

const devIno = (path: string) => {
  const st = statSync(path)
  return `${st.dev}:${st.ino}`
}

/**
 * The controller tree under `dir`, as Ansible's copy walks it: without localFollow every symlink is sent as a
 * symlink (its target as written); with it, a link to a file is sent as that file's content, a link to a
 * directory as that directory's tree, except a link to one of its own ancestors (a loop), and links that
 * lead nowhere, which stay symlinks.
 */
function walk(dir: string, localFollow: boolean, read: (path: string) => Buffer, rel = '', out: LocalTree = { dirs: [], files: [], links: [] }, ancestors = new Set([devIno(dir)])): LocalTree {
  const subdirs: Array<{ r: string; real: string; key: string }> = []
  for (const name of readdirSync(dir).sort()) {
    if (name.includes('\n')) throw new ModuleError(`copy: file names with newlines are not supported: ${JSON.stringify(join(rel, name))}`)
    const r = rel ? `${rel}/${name}` : name
    const path = join(dir, name)
    let real = path
    if (lstatSync(path).isSymbolicLink()) {
      let resolved: string | undefined
      try {
        resolved = localFollow ? realpathSync(path) : undefined
      } catch {
        resolved = undefined // a loop or a dangling link: sent as the link it is
      }
      if (resolved === undefined || (statSync(resolved).isDirectory() && ancestors.has(devIno(resolved)))) {
        out.links.push({ rel: r, target: readlinkSync(path) })
        continue
      }
      real = resolved
    }
    const st = statSync(real)
    if (st.isDirectory()) subdirs.push({ r, real, key: `${st.dev}:${st.ino}` })
    else out.files.push({ rel: r, path: real, sha: createHash('sha256').update(read(real)).digest('hex') })
  }
  // a directory's files before its subdirectories, as os.walk gives them to Ansible's copy
  for (const d of subdirs) {
    out.dirs.push(d.r)
    walk(d.real, localFollow, read, d.r, out, new Set([...ancestors, d.key]))
  }
  return out
}

export async function copyDir(ctx: ModuleContext, a: CopyDirArgs): Promise<TaskResult> {
  const top = a.contentsOnly ? a.dest.replace(/\/+$/, '') : `${a.dest.replace(/\/+$/, '')}/${basename(a.src)}`
  const read = a.read ?? ((p: string) => readFileSync(p))
  const tree = walk(a.src, a.localFollow ?? true, read)
  const q = quote(top)
  const r = await runSnippet(ctx, [
    `umask; if [ -d ${q} ]; then cd ${q} || exit 1; echo '__TSPLAY__ id=top'`,
    `find . -mindepth 1 -printf '__TSPLAY__ id=e y=%y mode=%m user=%u group=%g uid=%U gid=%G p=%P\\n'`,
    `find . -type f -exec sha256sum {} + | sed 's/^/__TSPLAY__ id=s /; s/  \\.\\// p=/; s/^__TSPLAY__ id=s \\([0-9a-f]*\\)/__TSPLAY__ id=s sha=\\1/'`,
    // the symlinks to send: what each one at its place holds now
    ...tree.links.map((l, i) => `if [ -L ${quote(l.rel)} ]; then printf '__TSPLAY__ id=l${i} t=%s\\n' "$(tp_b64 "$(readlink -- ${quote(l.rel)})")"; fi`),
    `elif [ -e ${q} ]; then echo "__TSPLAY__ id=notdir"; fi`,
  ].join('\n'))
  if (r.byId.notdir) throw new ModuleError(`copy: dest ${top} exists and is not a directory`)
  const umask = parseInt(r.stdout.split('\n')[0].trim() || '0022', 8)
  const entries = new Map<string, Fields>()
  const shas = new Map<string, string>()
  for (const line of r.stdout.split('\n')) {
    const m = /^__TSPLAY__ id=(e|s) (.*?) p=(.*)$/.exec(line)
    if (!m) continue
    const fields: Fields = Object.fromEntries(m[2].split(' ').filter(Boolean).map((kv) => kv.split('=') as [string, string]))
    fields.p = m[3] // the name is the rest of the line: it may hold spaces
    if (m[1] === 'e') entries.set(fields.p, fields)
    else shas.set(fields.p, fields.sha)
  }
  const cmds: string[] = []
  const written: string[] = []
  const puts: Array<{ path: string; dest: string; probe: Fields }> = []
  const dirMode = parseMode(a.directory_mode)
  if (!r.byId.top) cmds.push(`mkdir -p -- ${q}${dirMode ? ` && chmod ${formatMode(applyMode(dirMode, 0o777 & ~umask, true, umask))} ${q}` : ''}`)
  // every directory of the tree gets directory_mode (and owner, group), new or not, as Ansible's file
  // state=directory does for each
  const dirAttrs = { mode: a.directory_mode, owner: a.owner, group: a.group }
  const attrCmds: string[] = []
  for (const d of tree.dirs) {
    const e = entries.get(d)
    if (e && e.y !== 'd') throw new ModuleError(`copy: ${top}/${d} exists and is not a directory`)
    if (!e) cmds.push(`mkdir -p -- ${quote(`${top}/${d}`)}${dirMode ? ` && chmod ${formatMode(applyMode(dirMode, 0o777 & ~umask, true, umask))} ${quote(`${top}/${d}`)}` : ''}`)
    const probe: Fields | undefined = e ? { exists: '1', type: 'd', mode: e.mode, user: e.user, group: e.group, uid: e.uid, gid: e.gid, umask: umask.toString(8) } : undefined
    const plan = planAttrs(e ? dirAttrs : { ...dirAttrs, mode: undefined }, probe, quote(`${top}/${d}`), { isDir: true })
    if (plan.commands.length) attrCmds.push(...plan.commands)
  }
  const linkCmds: string[] = []
  tree.links.forEach((l, i) => {
    const dest = quote(`${top}/${l.rel}`)
    const now = r.byId[`l${i}`]
    if (now && decode64(now.t) === l.target) return
    const e = entries.get(l.rel)
    if (e && e.y === 'd') throw new ModuleError(`copy: ${top}/${l.rel} is a directory: cannot replace it with a symlink to ${l.target}`)
    linkCmds.push(`rm -f -- ${dest} && ln -s -- ${quote(l.target)} ${dest}`)
    written.push(l.rel)
  })
  for (const f of tree.files) {
    const dest = `${top}/${f.rel}`
    const e = entries.get(f.rel)
    const probe: Fields | undefined = e ? { exists: '1', type: e.y === 'f' ? 'f' : e.y, mode: e.mode, user: e.user, group: e.group, uid: e.uid, gid: e.gid, umask: umask.toString(8) } : undefined
    if (e && e.y === 'd') throw new ModuleError(`copy: ${dest} is a directory`)
    if (!e || (shas.get(f.rel) !== f.sha && a.force !== false)) {
      puts.push({ path: f.path, dest, probe: probe ?? { exists: '0', umask: umask.toString(8) } })
      cmds.push(`# write ${dest}`) // counted as a change; written by its own finalize below
      written.push(f.rel)
    } else {
      const plan = planAttrs(a, probe, quote(dest))
      if (plan.commands.length) written.push(f.rel)
      cmds.push(...plan.commands)
    }
  }
  cmds.push(...attrCmds, ...linkCmds)
  const data = { dest: top, src: a.src, files: written }
  if (!cmds.length) return ok(undefined, data)
  const diff = ctx.diff ? [{ path: top, before: '', after: written.map((w) => `${w}\n`).join('') }] : undefined
  if (ctx.check) return changed(`${written.length} file(s) would change under ${top}`, data, diff)
  // directories first, then the files (their temp files live in those directories)
  const mkdirs = cmds.filter((c) => c.startsWith('mkdir'))
  if (mkdirs.length) await runSnippet(ctx, mkdirs.map((c) => `${c} || exit 1`).join('\n'))
  for (const p of puts) await writeFile(ctx, { dest: p.dest, mode: a.mode, owner: a.owner, group: a.group }, p.probe, p.dest, read(p.path))
  const rest = cmds.filter((c) => !c.startsWith('mkdir') && !c.startsWith('#'))
  if (rest.length) await runSnippet(ctx, rest.map((c) => `${c} || exit 1`).join('\n'))
  return changed(`${written.length} file(s) copied under ${top}`, data, diff)
}
