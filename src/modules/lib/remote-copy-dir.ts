// copy with remote_src and a directory as src: the tree is copied on the host, in one snippet. As Ansible's
// copy module: src ending in / copies what is inside into dest, otherwise the directory itself lands in
// dest; files are written only when their bytes differ (cp -p, as shutil's copy2 keeps mode and times),
// missing directories are made with src's modes; local_follow (default yes) copies what symlinks point
// to, local_follow=no recreates each symlink. Nothing already in dest is removed; a file is written to a
// temp file beside it and renamed over it, so a failure leaves the old file, not a partial one.
import { ModuleError } from '../../errors.js'
import { quote } from '../../util/shell-quote.js'
import type { ModuleContext, TaskResult } from '../types.js'
import { assignPath } from './host-path.js'
import { parseMode } from './mode.js'
import { changed, ok } from './result.js'
import { decode64, runSnippet } from './snippet.js'

export interface RemoteCopyDirArgs {
  src: string
  dest: string
  localFollow: boolean
  owner?: string
  group?: string
  /** Set on dest itself after the copy, as Ansible's copy does ('preserve': the source directory's mode). */
  mode?: string | number
}

const SYNC = String.raw`[ -d "$s" ] || tp_fail "Source $s not found or not a directory"
case $s in /*) ;; *) s=$PWD/$s ;; esac
case $d in /*) ;; *) d=$PWD/$d ;; esac
case $s in */) t=$d ;; *) _b=${'$'}{s%/}; t=${'$'}{d%/}/${'$'}{_b##*/} ;; esac
tp_enc "$t"; printf '__TSPLAY__ id=top path=%s\n' "$_e"
if [ ! -d "$t" ]; then [ -e "$t" ] && tp_fail "$t exists and is not a directory"; echo '__TSPLAY__ id=c'; tp_do mkdir -p -- "$t" || exit 1; fi
cd "$s" || exit 1
find $FL . -mindepth 1 2>/dev/null | while IFS= read -r e; do
  r=${'$'}{e#./}; o=$t/$r
  if [ "$LF" = 0 ] && [ -L "$e" ]; then
    l=$(readlink -- "$e")
    if [ ! -L "$o" ] || [ "$(readlink -- "$o")" != "$l" ]; then
      [ -d "$o" ] && [ ! -L "$o" ] && tp_fail "$o is a directory: cannot replace it with a symlink"
      echo '__TSPLAY__ id=c'; tp_do rm -f -- "$o"; tp_do ln -s -- "$l" "$o" || exit 1
    fi
  elif [ -d "$e" ]; then
    if [ ! -d "$o" ]; then echo '__TSPLAY__ id=c'; tp_do mkdir -- "$o" || exit 1; tp_do chmod --reference="$e" -- "$o"; fi
  elif [ -f "$e" ]; then
    if [ -L "$o" ] || [ ! -f "$o" ] || ! cmp -s -- "$e" "$o"; then
      echo '__TSPLAY__ id=c'
      if [ "$TP_CHECK" != 1 ]; then tp_tmp "${'$'}{o%/*}"; cp -pL -- "$e" "$tmp" && mv -f -- "$tmp" "$o" || exit 1; fi
    fi
  fi
done || exit 1`

/** sh setting $_m to the octal mode dest must end with (Ansible's copy: preserve is the source's mode). */
function destMode(mode: string | number | undefined): string | undefined {
  if (mode === undefined) return undefined
  if (mode === 'preserve') return `_m=$(stat -c %a -- "$s")`
  const spec = parseMode(mode)
  if (spec?.kind !== 'octal') throw new ModuleError(`copy: a symbolic mode with remote_src and a source directory is not supported; give it in octal (${String(mode)})`)
  return `_m=${spec.value.toString(8)}`
}

export async function remoteCopyDir(ctx: ModuleContext, a: RemoteCopyDirArgs): Promise<TaskResult> {
  const owners: string[] = []
  // as Ansible's chown_recursive: the whole target tree gets the owner and group asked for
  if (a.owner) owners.push(`if [ -n "$(find "$t" ! -user ${quote(a.owner)} -print -quit)" ]; then echo '__TSPLAY__ id=c'; tp_do chown -R -h -- ${quote(a.owner)} "$t" || exit 1; fi`)
  if (a.group) owners.push(`if [ -n "$(find "$t" ! -group ${quote(a.group)} -print -quit)" ]; then echo '__TSPLAY__ id=c'; tp_do chgrp -R -h -- ${quote(a.group)} "$t" || exit 1; fi`)
  const mode = destMode(a.mode)
  const r = await runSnippet(ctx, [
    assignPath('s', a.src),
    assignPath('d', a.dest),
    `LF=${a.localFollow ? 1 : 0}; FL=${a.localFollow ? '-L' : ''}`,
    SYNC,
    ...owners.map((o) => `[ "$TP_CHECK" = 1 ] && [ ! -d "$t" ] || ${o}`),
    mode ? `if [ -e "$d" ]; then ${mode}; if [ "$(stat -c %a -- "$d")" != "$_m" ]; then echo '__TSPLAY__ id=c'; tp_do chmod "$_m" -- "$d" || exit 1; fi; fi` : '',
  ].join('\n'), { check: ctx.check })
  const top = decode64(r.byId.top?.path)
  if (!top) throw new ModuleError(`copy: nothing copied from ${a.src}`)
  const count = r.records.filter((x) => x.id === 'c').length
  const data = { dest: a.dest, src: a.src }
  if (!count) return ok(undefined, data)
  return changed(`${count} change(s) under ${top}${ctx.check ? ' would be made' : ''}`, data)
}
