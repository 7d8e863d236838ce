// Shared by lineinfile, blockinfile and replace: read the file and its state in one round trip,
// compute the new text on the controller, write through ensureFile (one more) only if it differs.
// A file whose text this run already knows (it wrote or read it, on this host) is edited in one round
// trip: the host writes the new text only if the file still holds that text (compared by the shell, or by
// its hash when large), else it is read as usual.
import { createHash } from 'node:crypto'
import { ModuleError } from '../../errors.js'
import { quote } from '../../util/shell-quote.js'
import type { Diff, ModuleContext, TaskResult } from '../types.js'
import { attrText, planAttrs, type AttrArgs } from './attrs.js'
import { createWhenAbsent, dirOf, EMBED_LIMIT, ensureFile, finalizeScript } from './ensure-file.js'
import { changed, ok } from './result.js'
import { comparableText, decode64, runSnippet, type Fields } from './snippet.js'
import { KEEP_OWNER, writeTemp } from './temp-write.js'

export interface EditArgs extends AttrArgs {
  path: string
  backup?: boolean
  validate?: string
  create?: boolean
}

export interface Edit {
  text: string | undefined // undefined: leave the file as it is (absent stays absent)
  msg: string
}

export async function editFile(ctx: ModuleContext, a: EditArgs, transform: (text: string | undefined) => Edit): Promise<TaskResult> {
  const qp = quote(a.path)
  // with create, a missing file's text is known before the read: the read itself writes it (first runs)
  const fresh = a.create && !ctx.check ? transform(undefined).text : undefined
  const readLines = [
    `p=${qp}; [ -L "$p" ] && [ -e "$p" ] && p=$(readlink -f -- "$p")`,
    // no checksum tool (the controller hashes the content it reads), and no stat unless attributes are asked for
    `tp_probe f "$p" ${a.mode !== undefined || a.owner || a.group ? "''" : '-'} || exit 1`,
    `if [ -f "$p" ]; then printf '__TSPLAY__ id=content b64='; base64 -w0 < "$p" || exit 1; echo; fi`,
    `tp_dir "$p"; if [ -d "$_d" ]; then echo '__TSPLAY__ id=dir exists=1'; fi`,
    fresh !== undefined ? createWhenAbsent(a, Buffer.from(fresh, 'utf8'), 'p') : '',
  ]
  const data: Record<string, unknown> = { path: a.path }
  const known = knownEdit(ctx, a, transform)
  const read = await runSnippet(ctx, (known ? [writeIfUnchanged(a, known.before, known.after), 'if [ -z "$_kw" ]; then', ...readLines, 'fi'] : readLines).join('\n'))
  if (known && read.byId.wrote) {
    remember(ctx, a.path, known.after.text)
    // the keys the write through ensureFile gives
    const written = { dest: a.path, checksum_sha256: createHash('sha256').update(known.after.text, 'utf8').digest('hex') }
    return changed(known.after.msg, { ...data, ...written }, ctx.diff ? [{ path: a.path, before: known.before, after: known.after.text }] : [])
  }
  const cur = read.byId.f
  const path = decode64(cur.path)
  data.path = path
  if (cur.exists === '1' && cur.type === 'd') throw new ModuleError(`Path ${a.path} is a directory !`)
  const exists = cur.exists === '1'
  if (!exists && !a.create) {
    const probe = transform(undefined)
    if (probe.text === undefined) return ok(probe.msg, { path })
    throw new ModuleError(`Destination ${a.path} does not exist !`, 'set create=yes to create it')
  }
  const raw = exists ? Buffer.from(read.byId.content?.b64 ?? '', 'base64') : undefined
  if (raw) cur.sha = createHash('sha256').update(raw).digest('hex')
  const before = raw?.toString('utf8')
  const edit = transform(before)
  if (edit.text === undefined || edit.text === before) {
    if (!exists) return ok(edit.msg, data)
    if (path === a.path && raw?.equals(Buffer.from(before as string, 'utf8'))) remember(ctx, a.path, before as string)
    const plan = planAttrs(a, cur, quote(path))
    if (!plan.commands.length) return ok(edit.msg || undefined, data)
    const diff: Diff[] = ctx.diff ? [{ path, before: attrText(plan.before), after: attrText(plan.after) }] : []
    if (!ctx.check) await runSnippet(ctx, plan.commands.map((c) => `${c} || exit 1`).join('\n'))
    return changed('ownership, perms or SE linux context changed', data, diff)
  }
  const diff: Diff[] = ctx.diff ? [{ path, before: before ?? '', after: edit.text }] : []
  if (ctx.check) return changed(edit.msg, data, diff)
  if (!read.byId.dir) await runSnippet(ctx, `mkdir -p -- "$(dirname -- ${qp})" || exit 1`)
  // the read above is ensureFile's probe: a changed file costs the read and one write
  const res = await ensureFile({ ...ctx, diff: false }, {
    dest: path, content: Buffer.from(edit.text, 'utf8'), mode: a.mode, owner: a.owner, group: a.group, backup: a.backup, validate: a.validate,
  }, { dest: cur, dirExists: true, created: read.byId.created !== undefined })
  if (path === a.path) remember(ctx, a.path, edit.text)
  return changed(edit.msg, { ...data, ...res.data }, diff)
}

// The text this run last left in a file, by host (its connection) and path as the task names it: small
// files only. Never trusted as such: the host compares the file with it before writing.
const texts = new WeakMap<object, Map<string, string>>()

function remember(ctx: ModuleContext, path: string, text: string): void {
  let byPath = texts.get(ctx.conn)
  if (!byPath) texts.set(ctx.conn, (byPath = new Map()))
  if (Buffer.byteLength(text) <= EMBED_LIMIT) byPath.set(path, text)
  else byPath.delete(path)
}

/** The edit of a file whose text the run knows, where one round trip can do it; else undefined. */
function knownEdit(ctx: ModuleContext, a: EditArgs, transform: (text: string | undefined) => Edit): { before: string; after: Edit & { text: string } } | undefined {
  if (ctx.check || a.mode !== undefined || a.owner || a.group || (a as { attributes?: string }).attributes || a.backup || a.validate) return undefined
  const before = texts.get(ctx.conn)?.get(a.path)
  if (before === undefined) return undefined
  const after = transform(before)
  if (after.text === undefined || after.text === before || Buffer.byteLength(after.text) > EMBED_LIMIT) return undefined
  return { before, after: after as Edit & { text: string } }
}

/** sh: when the file (not a link) still holds `before`, write `after` as ensureFile would, say so and set $_kw. */
function writeIfUnchanged(a: EditArgs, before: string, after: Edit & { text: string }): string {
  const content = Buffer.from(after.text, 'utf8')
  const small = replaceKnownText(a.path, before, content)
  if (small !== undefined) return small
  // larger text, or text with a NUL: compared by its hash
  const sha = createHash('sha256').update(before, 'utf8').digest('hex')
  const existing = { exists: '1', type: 'f' } as Fields // finalizeScript: the new file takes the old one's mode and owner
  return [
    `_kw= p=${quote(a.path)}`,
    `if [ -f "$p" ] && [ ! -L "$p" ] && _h=$(sha256sum < "$p") && [ "\${_h%% *}" = ${sha} ]; then`,
    finalizeScript({ dest: a.path, content }, existing, a.path, content),
    `echo '__TSPLAY__ id=wrote'; _kw=1`,
    'fi',
  ].join('\n')
}

/**
 * sh that replaces the file at `path` with `content` when it still holds `before`, small text the run knows
 * it holds: the shell compares the text (tp_same), one stat gives the old file's mode and size (read drops
 * NUL bytes: the size must be the text's) and the new temp file's mode, so the old mode is copied (chmod
 * --reference) only where the umask did not already give it. Prints `id=wrote` and sets $_kw when it wrote;
 * otherwise the file is left as it was. Undefined where `before` is not text the shell can compare.
 */
function replaceKnownText(path: string, before: string, content: Buffer): string | undefined {
  const old = Buffer.from(before, 'utf8')
  if (comparableText(old) === undefined) return undefined // knownEdit: `content` is embeddable
  return [
    `_kw= dest=${quote(path)} _want=${quote(before)}`,
    `if [ -f "$dest" ] && [ ! -L "$dest" ] && tp_same "$dest"; then`,
    `  tp_tmp ${quote(dirOf(path) || '/')}`,
    `  ${writeTemp(content, '"$dest"', undefined, undefined)}`,
    `  _s=$(stat -c '%a %s' -- "$dest" "$tmp") || exit 1`,
    `  set -f; set -- $_s; set +f`,
    `  if [ "$2" = ${old.length} ]; then`,
    `    [ "$1" = "$3" ] || chmod --reference="$dest" -- "$tmp" || exit 1`,
    `    ${KEEP_OWNER}`,
    `    mv -fT -- "$tmp" "$dest" || exit 1; trap - EXIT`,
    `    echo '__TSPLAY__ id=wrote'; _kw=1`,
    `  else rm -f -- "$tmp"; trap - EXIT; fi`,
    'fi',
  ].join('\n')
}

export const editProps = {
  path: { type: 'string', aliases: ['dest', 'destfile', 'name'] },
  backup: { type: 'boolean', default: false },
  validate: { type: 'string' },
  mode: { type: ['string', 'integer'] },
  owner: { type: 'string' },
  group: { type: 'string' },
  unsafe_writes: { type: 'boolean' },
  attributes: { type: 'string', aliases: ['attr'] },
} as const
