// Make a remote file hold given bytes: copy's core, reused by template and the editing modules.
// One round trip when nothing differs, and for a new file (the probe snippet creates it when the path is
// empty); otherwise one finalize after the probe, which carries the content (on its stdin when large).
// Temp files are remote-temp.ts's: named for their writer, removed on exit, swept when the writer is gone.
import { createHash } from 'node:crypto'
import { ModuleError } from '../../errors.js'
import { quote } from '../../util/shell-quote.js'
import type { Diff, ModuleContext, TaskResult } from '../types.js'
import { attrText, planAttrs, type AttrArgs } from './attrs.js'
import { assignPath } from './host-path.js'
import { applyMode, parseMode } from './mode.js'
import { changed, ok } from './result.js'
import { comparableText, decode64, runSnippet, type Fields } from './snippet.js'
import { copyOwnerUnless, createMask, KEEP_OWNER, OURS, setMode, writeTemp } from './temp-write.js'

export interface EnsureFileArgs extends AttrArgs {
  dest: string
  content?: Buffer // bytes from the controller…
  remoteSrc?: string // …or a file already on the host
  basename?: string // file name to use when dest is a directory
  backup?: boolean
  force?: boolean
  validate?: string
  /** copy: the result carries Ansible's file keys (checksum, md5sum, size, mode, owner, group, uid, gid, state) */
  report?: boolean
  follow?: boolean // dest a symlink: write where it points (default); false replaces the link with the file
  isDirMsg?: string // the failure when dest is a directory (copy content: Ansible's words)
  remoteDir?: () => Promise<TaskResult> // what to do when remoteSrc is a directory (copy: remoteCopyDir)
}

/** What a caller already probed in its own round trip (editFile): dest as `tp_probe … sha256` saw it. */
export interface KnownDest {
  dest: Fields
  dirExists: boolean
  created?: boolean // the caller's snippet ended with createWhenAbsent, and it wrote the file
}

// content up to this size is written by the snippet itself (printf, no process): by the probe where the
// path is empty, so a new file costs one round trip (reruns carry it too), else by the finalize; larger
// content rides on the finalize's stdin (streamed by the connection, with an idle limit on the host)
export const EMBED_LIMIT = 64 * 1024

export async function ensureFile(ctx: ModuleContext, a: EnsureFileArgs, known?: KnownDest): Promise<TaskResult> {
  let dest = a.dest
  if (dest.endsWith('/')) {
    if (!a.basename) throw new ModuleError(`dest '${dest}' is a directory: give a file path when using content`)
    dest += a.basename
  }
  const content = a.remoteSrc === undefined ? (a.content ?? Buffer.alloc(0)) : undefined
  const probe: Probed = known ?? (await probeDest(ctx, a, dest, content))
  if (probe.src?.exists === '1' && probe.src.type === 'd' && a.remoteDir) return a.remoteDir()
  const cur = probe.dest
  const path = decode64(cur.path)
  const data: Record<string, unknown> = { dest: path }
  // a dest ending in / is a directory: Ansible's copy makes it (and its parents) when missing
  const makeDir = a.dest.endsWith('/')
  if (!probe.dirExists && !makeDir) {
    if (ctx.afterPredictedChanges) return changed(`${path} would be written (${dirOf(path)} does not exist yet: assumed made by an earlier task)`, data)
    throw new ModuleError(`Destination directory ${dirOf(path)} does not exist`)
  }
  if (cur.exists === '1' && cur.type === 'd') throw new ModuleError(a.isDirMsg ?? `dest '${path}' is a directory`)
  if (cur.exists === '1' && a.force === false) return ok(`${path} exists and force=no`, data)

  let wantSha: string
  if (a.remoteSrc !== undefined) {
    const src = probe.src as Fields
    // Ansible's copy module's words
    if (src.exists !== '1') throw new ModuleError(`Source ${a.remoteSrc} not found`)
    if (src.type !== 'f') throw new ModuleError(`Cannot copy invalid source '${a.remoteSrc}': not a file`)
    a = { ...a, remoteSrc: decode64(src.path) } // as the host expanded it (~, $VAR)
    if (a.mode === 'preserve') a = { ...a, mode: src.mode.padStart(4, '0') } // the source file's own mode
    wantSha = src.sha // probed as sha1 (see probeDest)
  } else {
    wantSha = createHash('sha256').update(content as Buffer).digest('hex')
  }
  data.checksum_sha256 = wantSha
  const target = quote(path)
  const diff: Diff[] = []
  if (a.report && content) data.checksum = hash('sha1', content)
  // md5sum: Ansible gives it for a file it wrote
  const written = (f: Fields | undefined) => (a.report ? { ...data, ...(content ? { md5sum: hash('md5', content) } : {}), ...fileKeys(f) } : data)
  if (cur.exists === '1' && (cur.sha === wantSha || (cur.same === '1' && Number(cur.size) === content?.length))) {
    const plan = planAttrs(a, cur, target)
    if (plan.commands.length === 0) return ok(undefined, a.report ? { ...data, ...fileKeys(cur) } : data)
    if (ctx.diff) diff.push({ path, before: attrText(plan.before), after: attrText(plan.after) })
    if (!ctx.check) {
      const r = await runSnippet(ctx, [...plan.commands.map((c) => `${c} || exit 1`), a.report ? `tp_probe final ${target} ''` : ''].join('\n'))
      if (a.report) Object.assign(data, fileKeys(r.byId.final))
    }
    return changed(`attributes of ${path} changed`, data, diff)
  }

  const plan = planAttrs(a, cur, '"$tmp"')
  if (ctx.diff) {
    const before = holdsFile(cur) ? await readForDiff(ctx, path, Number(cur.size)) : ''
    const after = a.content !== undefined ? textForDiff(a.content) : a.remoteSrc !== undefined ? await readForDiff(ctx, a.remoteSrc, 0) : ''
    diff.push({ path, before, after })
    if (Object.keys(plan.after).length) diff.push({ path, before: attrText(plan.before), after: attrText(plan.after) })
  }
  if (probe.created) return changed(`${path} written`, written(probe.final), diff)
  if (ctx.check) return changed(`${path} would be written`, data, diff)
  const fin = await writeFile(ctx, a, cur, path, content)
  if (fin.byId.backup) data.backup_file = decode64(fin.byId.backup.path)
  return changed(`${path} written`, written(fin.byId.final), diff)
}

// something the new file takes attributes from: not a dangling symlink, which the file replaces
const holdsFile = (dest: Fields) => dest.exists === '1' && dest.type !== 'l'
const isEmbedded = (content: Buffer) => content.length <= EMBED_LIMIT
const hash = (alg: string, content: Buffer) => createHash(alg).update(content).digest('hex')

/** Ansible's copy keys from a `tp_probe … sha1` (or sha256: then no checksum) record of the file. */
export function fileKeys(f: Fields | undefined): Record<string, unknown> {
  if (!f || f.exists !== '1') return {}
  const keys = { mode: f.mode.padStart(4, '0'), owner: f.user, group: f.group, uid: Number(f.uid), gid: Number(f.gid), size: Number(f.size), state: 'file' }
  return f.sha?.length === 40 ? { ...keys, checksum: f.sha } : keys
}

/** Runs finalizeScript: the content embedded in the script, or on its stdin when large. */
export function writeFile(ctx: ModuleContext, a: EnsureFileArgs, cur: Fields, path: string, content: Buffer | undefined) {
  return runSnippet(ctx, finalizeScript(a, cur, path, content), content && !isEmbedded(content) ? { stdin: content } : {})
}

/**
 * sh that installs the new content at `path` through a temp file beside it: small content is written
 * by the script itself, larger rides on stdin (byte-counted). The temp file gets the old file's owner,
 * the requested owner and group, then its mode (last: chown clears setuid and setgid), and is renamed
 * over the old file. `cur` is the probe of `path` (exists=0 for a new file, with the host's umask).
 */
export function finalizeScript(a: EnsureFileArgs, cur: Fields, path: string, content: Buffer | undefined): string {
  const exists = holdsFile(cur)
  const spec = parseMode(a.mode)
  const embedded = content !== undefined && isEmbedded(content)
  // made with its mode (writeTemp), then the user's umask again (the probe saw it) for the commands after;
  // not under a validate command, which reads the file before its mode is set, as before
  const mask = embedded && !a.validate && /^[0-7]{3,4}$/.test(cur.umask ?? '') ? createMask(spec) : undefined
  const probed = a.report === true && mask !== undefined // setMode's stat of the temp file is the report
  const owners = planAttrs({ ...a, mode: undefined }, exists ? cur : undefined, '"$tmp"').commands.map((c) => `${c} || exit 1`)
  let attrs: string[]
  if (exists && !spec) {
    attrs = [`chmod --reference="$dest" -- "$tmp" || exit 1`, KEEP_OWNER, ...owners]
  } else {
    const umask = parseInt(cur.umask ?? '0022', 8)
    const base = exists ? parseInt(cur.mode, 8) : 0o666 & ~umask
    // a new file made here by a redirection already has what the directory gives a new file
    const madeHere = content !== undefined
    const mode = spec ? applyMode(spec, base, false, umask) : madeHere ? undefined : base
    // the mode last: chown clears setuid and setgid
    attrs = [exists ? copyOwnerUnless(OURS) : '', ...owners, mode === undefined ? '' : setMode(mode, probed)]
  }
  return [
    `dest=${quote(path)}`,
    a.dest.endsWith('/') ? `mkdir -p -- ${quote(dirOf(path) || '/')} || exit 1` : '',
    `tp_tmp ${quote(dirOf(path) || '/')}`,
    embedded ? writeTemp(content, '"$dest"', mask, cur.umask) : '',
    // a dropped connection ends stdin early: never install fewer bytes than were sent
    content && !isEmbedded(content) ? `tp_recv ${content.length} "$dest"` : '',
    a.remoteSrc !== undefined ? `_w=$(cp -- ${quote(a.remoteSrc)} "$tmp" 2>&1) || tp_fail "cannot write $dest: \${_w##*: }"` : '',
    a.validate ? validateLine(a.validate) : '',
    ...attrs,
    a.backup
      ? `if [ -e "$dest" ]; then b="$dest.$(date +%Y-%m-%d@%H:%M:%S)~"; cp -p -- "$dest" "$b" || exit 1; printf '__TSPLAY__ id=backup path=%s\\n' "$(tp_b64 "$b")"; fi`
      : '',
    // -T: a rename, as Ansible's atomic_move does (a symlink to a directory at dest is replaced, not entered)
    `mv -fT -- "$tmp" "$dest" || exit 1; trap - EXIT`,
    // the checksum of bytes sent from the controller is known there: the host computes it only for remote_src
    a.report && !probed ? `tp_probe final "$dest" ${content ? "''" : 'sha1'}` : '',
  ].join('\n')
}

interface Probed extends KnownDest {
  src?: Fields
  final?: Fields // report: the file createWhenAbsent wrote
}

async function probeDest(ctx: ModuleContext, a: EnsureFileArgs, dest: string, content: Buffer | undefined): Promise<Probed> {
  // remote_src compares the two files by sha1, the checksum Ansible reports; small text from the controller
  // is compared by the shell itself (tp_probe cmp)
  const text = content && comparableText(content)
  const alg = a.remoteSrc !== undefined ? 'sha1' : text !== undefined ? 'cmp' : 'sha256'
  const r = await runSnippet(ctx, [
    assignPath('d', dest), // a path type: ~ and $VAR expanded on the host, as the user the task runs as
    a.basename ? `if [ -d "$d" ]; then d="$d"/${quote(a.basename)}; fi` : '',
    a.follow === false ? '' : `[ -L "$d" ] && [ -e "$d" ] && d=$(readlink -f -- "$d")`,
    text !== undefined ? `_want=${quote(text)}` : '',
    `tp_probe dest "$d" ${alg} || exit 1`,
    `tp_dir "$d"; if [ -d "$_d" ]; then echo '__TSPLAY__ id=dir'; fi`,
    a.remoteSrc !== undefined ? `${assignPath('s', a.remoteSrc)}\n[ -L "$s" ] && [ -e "$s" ] && s=$(readlink -f -- "$s")\ntp_probe src "$s" ${alg} || exit 1` : '',
    content && !ctx.check ? createWhenAbsent(a, content) : '',
  ].join('\n'))
  return { dest: r.byId.dest, dirExists: r.byId.dir !== undefined, src: r.byId.src, created: r.byId.created !== undefined, final: r.byId.final }
}

/**
 * sh for the end of a probe that set $_d (tp_dir): when nothing is at the path in $<pathVar> yet and
 * its directory exists, write the content there as a new file and print `id=created`. Only where the
 * new file's attributes do not depend on what the probe finds (no symbolic mode, which is relative to
 * the umask) and the content is small.
 */
export function createWhenAbsent(a: Pick<EnsureFileArgs, 'mode' | 'owner' | 'group' | 'validate' | 'report'>, content: Buffer, pathVar = 'd'): string {
  const spec = parseMode(a.mode)
  if (!isEmbedded(content) || spec?.kind === 'symbolic') return ''
  // owner and group first, the mode last (chown clears setuid/setgid), by chmod or confirmed by the stat
  // the report needs (setMode): under a directory's default ACL the umask does not apply. Without a mode,
  // the file has what the directory gives a new one.
  const plan = planAttrs({ ...a, mode: undefined }, undefined, '"$tmp"')
  const d = `"$${pathVar}"`
  // made with its mode (writeTemp) unless a validate command follows the write: it runs with the user's
  // umask, which this script does not know
  const mask = a.validate ? undefined : createMask(spec)
  const probed = a.report === true && mask !== undefined // setMode's stat of the temp file is the report
  return [
    `if [ ! -e ${d} ] && [ ! -L ${d} ] && [ -d "$_d" ]; then`,
    `  tp_tmp "$_d"`,
    `  ${writeTemp(content, d, mask, undefined)}`,
    a.validate ? `  ${validateLine(a.validate)}` : '',
    ...plan.commands.map((c) => `  ${c} || exit 1`),
    spec?.kind === 'octal' ? `  ${setMode(spec.value, probed)}` : '',
    `  mv -f -- "$tmp" ${d} || exit 1; trap - EXIT`,
    `  echo '__TSPLAY__ id=created'`,
    // the content's checksum is the controller's
    a.report && !probed ? `  tp_probe final ${d} ''` : '',
    `fi`,
  ].join('\n')
}

function validateLine(validate: string): string {
  if (!validate.includes('%s')) throw new ModuleError(`validate must contain %s: ${validate}`) // Ansible's words (its targets compare them)
  // the command is the user's own shell text; only the temp path is substituted, quoted
  const cmd = validate.split('%s').join('"$tmp"')
  return `if ! out=$( { ${cmd} ; } 2>&1 ); then tp_fail "failed to validate: $out"; fi`
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i <= 0 ? (i === 0 ? '' : '.') : path.slice(0, i)
}

const DIFF_LIMIT = 1 << 20

export async function readForDiff(ctx: ModuleContext, path: string, size: number): Promise<string> {
  if (size > DIFF_LIMIT) return `(${size} bytes, too large to diff)`
  return textForDiff(await ctx.conn.get(path, { become: ctx.become }))
}

export function textForDiff(buf: Buffer): string {
  if (buf.length > DIFF_LIMIT) return `(${buf.length} bytes, too large to diff)`
  const text = buf.toString('utf8')
  if (buf.includes(0) || !Buffer.from(text, 'utf8').equals(buf)) return `(binary, ${buf.length} bytes)`
  return text
}

export type { Fields }
