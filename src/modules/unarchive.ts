// unarchive: a tar (any compression tar detects) or zip archive into dest. The archive is unpacked
// into a temp dir on the host and compared file by file with dest; dest changes only if something differs.
// Controller archives are cached on the host under ${TSPLAY_CACHE:-/var/cache/tsplay}/archives/<sha256>.
import { createHash, randomBytes } from 'node:crypto'
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { findLocal, readLocal } from './lib/local-files.js'
import { changed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface UnarchiveArgs {
  src: string
  dest: string
  remote_src: boolean
  creates?: string
  extra_opts: string[]
  exclude: string[]
  owner?: string
  group?: string
  mode?: string
  list_files: boolean
}

const BODY = String.raw`
[ -d "$dest" ] || tp_fail "dest '$dest' must be an existing dir"
if [ -n "$cache" ]; then
  c=$TSPLAY_CACHE; [ -n "$c" ] || c=/var/cache/tsplay
  src="$c/archives/$cache"
  if [ ! -f "$src" ]; then
    [ "$TP_CHECK" = 1 ] || mkdir -p -- "$(dirname -- "$src")" || exit 1
    printf '__TSPLAY__ id=u need=upload path=%s\n' "$(tp_b64 "$src")"; exit 0
  fi
fi
[ -f "$src" ] || tp_fail "Source '$src' does not exist"
t=$(mktemp -d) || exit 1
trap 'rm -rf -- "$t"; [ -n "$cleanup" ] && rm -f -- "$src"' EXIT
if unzip -tqq "$src" >/dev/null 2>&1; then out=$(eval "unzip -q -o $TP_EXTRA \"\$src\" -d \"\$t\" $TP_EXCL_ZIP" 2>&1) || tp_fail "Failed to unpack $src (zip): $out"
else out=$(eval "tar -xf \"\$src\" -C \"\$t\" --no-same-owner $TP_EXTRA $TP_EXCL_TAR" 2>&1) || tp_fail "Failed to find handler for \"$src\": tar: $out"; fi
cd "$t" || exit 1
# anything missing or different in dest? (content, type, mode, and owner/group when asked)
diff=0
find . -mindepth 1 -exec sh -c '
  d=$1; o=$2; g=$3; shift 3
  for f; do
    if [ -d "$f" ] && [ ! -L "$f" ]; then [ -d "$d/$f" ] || exit 1
    elif [ -L "$f" ]; then [ "$(readlink -- "$f")" = "$(readlink -- "$d/$f" 2>/dev/null)" ] || exit 1
    else cmp -s -- "$f" "$d/$f" || exit 1; fi
    [ -L "$f" ] || [ "$(stat -c %a -- "$f")" = "$(stat -c %a -- "$d/$f")" ] || exit 1
    if [ -n "$o" ]; then case "$o" in *[!0-9]*) [ "$(stat -c %U -- "$d/$f")" = "$o" ] ;; *) [ "$(stat -c %u -- "$d/$f")" = "$o" ] ;; esac || exit 1; fi
    if [ -n "$g" ]; then case "$g" in *[!0-9]*) [ "$(stat -c %G -- "$d/$f")" = "$g" ] ;; *) [ "$(stat -c %g -- "$d/$f")" = "$g" ] ;; esac || exit 1; fi
  done' sh "$dest" "$owner" "$group" {} + || diff=1
[ "$list" = 1 ] && find . -mindepth 1 -printf '__TSPLAY__ id=file p=%P\n' | head -n 10000
if [ $diff = 1 ] && [ "$TP_CHECK" != 1 ]; then
  [ -n "$owner" ] && { chown -R -h -- "$owner" . || exit 1; }
  [ -n "$group" ] && { chgrp -R -h -- "$group" . || exit 1; }
  cp -a -- . "$dest/" || tp_fail "could not copy into $dest"
fi
echo "__TSPLAY__ id=u changed=$diff"
`

export const unarchive = defineModule<UnarchiveArgs>({
  name: 'unarchive',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['src', 'dest'],
    properties: {
      src: { type: 'string' },
      dest: { type: 'string' },
      remote_src: { type: 'boolean', default: false, aliases: ['copy'] },
      creates: { type: 'string' },
      extra_opts: { type: 'array', items: { type: 'string' }, default: [] },
      exclude: { type: 'array', items: { type: 'string' }, default: [] },
      owner: { type: 'string' },
      group: { type: 'string' },
      mode: { type: 'string' },
      list_files: { type: 'boolean', default: false },
      keep_newer: { type: 'boolean' },
      validate_certs: { type: 'boolean' },
    },
  },
  async run(ctx, a) {
    if (a.mode) throw new ModuleError('unarchive: mode is not supported yet; use file with recurse after unpacking')
    const data: Record<string, unknown> = { dest: a.dest, src: a.src }
    if (a.creates && (await ctx.conn.run(`[ -e ${quote(a.creates)} ]`, { become: ctx.become })).rc === 0) {
      return ok(`skipped, since ${a.creates} exists`, data)
    }
    const run = (src: string, cache: string, cleanup: boolean) => {
      const vars = [
        `src=${quote(src)}; dest=${quote(a.dest)}; owner=${quote(a.owner ?? '')}; group=${quote(a.group ?? '')}; list=${a.list_files ? 1 : 0}`,
        `cache=${cache}; cleanup=${cleanup ? 1 : ''}`,
        // already shell-quoted on the controller; the snippet evals them into the unpack command
        `TP_EXTRA=${quote(quoteArgv(a.extra_opts))}`,
        `TP_EXCL_TAR=${quote(a.exclude.map((e) => quoteArgv([`--exclude=${e}`])).join(' '))}`,
        `TP_EXCL_ZIP=${quote(a.exclude.length ? `-x ${quoteArgv(a.exclude)}` : '')}`,
      ].join('\n')
      return runSnippet(ctx, `${vars}\n${BODY}`, { check: ctx.check })
    }
    let r
    if (a.remote_src) r = await run(a.src, '', false)
    else {
      // controller archives are kept on the host by content hash, so an unchanged archive is not
      // sent again: the next run is one round trip
      const bytes = readLocal(findLocal(ctx, a.src, 'files'))
      const sha = createHash('sha256').update(bytes).digest('hex')
      r = await run('', sha, false)
      if (r.byId.u?.need === 'upload') {
        const target = ctx.check ? `/tmp/.tsplay-archive-${randomBytes(6).toString('hex')}` : decode64(r.byId.u.path)
        await ctx.conn.put(bytes, target, { become: ctx.become })
        r = await run(target, '', ctx.check)
      }
    }
    if (a.list_files) data.files = r.records.filter((x) => x.id === 'file').map((x) => x.p)
    if (r.byId.u?.changed !== '1') return ok(undefined, data)
    return changed(ctx.check ? `${a.src} would be unpacked into ${a.dest}` : `${a.src} unpacked into ${a.dest}`, data,
      ctx.diff ? [{ path: a.dest, before: '', after: `unpacked ${a.src}\n` }] : undefined)
  },
})
