// A whole text file a module rewrites from what it read (known_hosts, cron_file): one round trip reads it
// at a path Ansible's path type would expand (~, $VAR), with its stat data; the write goes through
// ensureFile with that probe, so a changed file costs the read and one write.
import { createHash } from 'node:crypto'
import type { ModuleContext, TaskResult } from '../types.js'
import { ensureFile } from './ensure-file.js'
import { assignPath } from './host-path.js'
import { decode64, runSnippet, type Fields } from './snippet.js'

export interface TextFile {
  path: string // expanded on the host, a symlink resolved
  exists: boolean
  text: string | undefined
  probe: Fields
  dirExists: boolean
  extra: Record<string, Fields> // records of the caller's own sh (`extra` below)
}

/** Reads the file in one snippet; `extra` is more sh run after the read, in the same round trip. */
export async function readTextFile(ctx: ModuleContext, path: string, extra = ''): Promise<TextFile> {
  const r = await runSnippet(ctx, [
    assignPath('p', path),
    '[ -L "$p" ] && [ -e "$p" ] && p=$(readlink -f -- "$p")',
    `tp_probe f "$p" '' || exit 1`,
    `if [ -f "$p" ]; then printf '__TSPLAY__ id=content b64='; base64 -w0 < "$p" || exit 1; echo; fi`,
    `tp_dir "$p"; if [ -d "$_d" ]; then echo '__TSPLAY__ id=dir'; fi`,
    extra,
  ].join('\n'))
  const probe = r.byId.f
  const exists = probe.exists === '1' && probe.type === 'f'
  const raw = exists ? Buffer.from(r.byId.content?.b64 ?? '', 'base64') : undefined
  if (raw) probe.sha = createHash('sha256').update(raw).digest('hex')
  return { path: decode64(probe.path), exists, text: raw?.toString('utf8'), probe, dirExists: r.byId.dir !== undefined, extra: r.byId }
}

/** Writes new text over what readTextFile read (keeping an existing file's mode and owner unless given). */
export async function writeTextFile(ctx: ModuleContext, file: TextFile, text: string, opts: { mode?: string } = {}): Promise<TaskResult> {
  return ensureFile({ ...ctx, diff: false }, { dest: file.path, content: Buffer.from(text, 'utf8'), mode: opts.mode }, { dest: file.probe, dirExists: file.dirExists })
}
