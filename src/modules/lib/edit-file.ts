// Shared by lineinfile, blockinfile and replace: read the file and its state in one round trip,
// compute the new text on the controller, write through ensureFile (one more) only if it differs.
import { createHash } from 'node:crypto'
import { ModuleError } from '../../errors.js'
import { quote } from '../../util/shell-quote.js'
import type { Diff, ModuleContext, TaskResult } from '../types.js'
import { attrText, planAttrs, type AttrArgs } from './attrs.js'
import { createWhenAbsent, ensureFile } from './ensure-file.js'
import { changed, ok } from './result.js'
import { decode64, runSnippet } from './snippet.js'

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
  const read = await runSnippet(ctx, [
    `p=${qp}; [ -L "$p" ] && [ -e "$p" ] && p=$(readlink -f -- "$p")`,
    // no checksum tool (the controller hashes the content it reads), and no stat unless attributes are asked for
    `tp_probe f "$p" ${a.mode !== undefined || a.owner || a.group ? "''" : '-'} || exit 1`,
    `if [ -f "$p" ]; then printf '__TSPLAY__ id=content b64='; base64 -w0 < "$p" || exit 1; echo; fi`,
    `tp_dir "$p"; if [ -d "$_d" ]; then echo '__TSPLAY__ id=dir exists=1'; fi`,
    fresh !== undefined ? createWhenAbsent(a, Buffer.from(fresh, 'utf8'), 'p') : '',
  ].join('\n'))
  const cur = read.byId.f
  const path = decode64(cur.path)
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
  const data: Record<string, unknown> = { path }
  if (edit.text === undefined || edit.text === before) {
    if (!exists) return ok(edit.msg, data)
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
  return changed(edit.msg, { ...data, ...res.data }, diff)
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
