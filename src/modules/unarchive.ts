// unarchive: a tar (any compression tar detects) or zip archive into dest. The archive is listed, unpacked
// into a temp dir on the host (with mode/owner/group applied there) and compared file by file with dest;
// dest changes only if something differs. Controller archives are cached on the host under
// ${TSPLAY_CACHE:-/var/cache/tsplay}/archives/<sha256>.
import { createHash, randomBytes } from 'node:crypto'
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { fileAttrProps } from './copy.js'
import { fnmatch } from '../util/fnmatch.js'
import { findLocal, readLocal } from './lib/local-files.js'
import { formatMode, parseMode } from './lib/mode.js'
import { PATH_INFO_SH, pathInfoRecord } from './lib/path-info.js'
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
  include: string[]
  owner?: string
  group?: string
  mode?: string | number
  list_files: boolean
  keep_newer: boolean
}

// $TP_* hold argument lists already quoted on the controller; the snippet evals them into the commands.
const BODY = String.raw`
[ -d "$dest" ] || tp_fail "Destination '$dest' is not a directory"
if [ -n "$cache" ]; then
  c=$TSPLAY_CACHE; [ -n "$c" ] || c=/var/cache/tsplay
  src="$c/archives/$cache"
  if [ ! -f "$src" ]; then
    [ "$TP_CHECK" = 1 ] || mkdir -p -- "$(dirname -- "$src")" || exit 1
    printf '__TSPLAY__ id=u need=upload path=%s\n' "$(tp_b64 "$src")"; exit 0
  fi
fi
[ -e "$src" ] || tp_fail "Source '$src' does not exist"
[ -r "$src" ] || tp_fail "Source '$src' not readable"
[ -s "$src" ] || tp_fail "Invalid archive '$src', the file is 0 bytes"
t=$(mktemp -d) || exit 1
trap 'rm -rf -- "$t"; [ -n "$cleanup" ] && rm -f -- "$src"' EXIT
# which handler: unzip's listing of a zip, else tar's (GNU tar finds the compression itself)
if command -v unzip >/dev/null 2>&1 && list=$(unzip -Z1 "$src" 2>/dev/null); then
  kind=zip
  out=$(eval "unzip -q -o $TP_EXTRA \"\$src\" $TP_ZIP_EXCL $TP_INCL -d \"\$t\"" 2>&1) || tp_fail "failed to unpack $src to $dest: $out"
else
  kind=tar
  tar=$(command -v gtar || command -v tar) || tp_fail "Failed to find handler for \"$src\". Make sure the required command to extract the file is installed.
Unable to find required 'gtar' or 'tar' binary in the path"
  list=$(eval "LC_ALL=C.UTF-8 \"\$tar\" --list --quoting-style=literal $TP_EXTRA $TP_TAR_EXCL -f \"\$src\" $TP_INCL" 2>"$t/.err") || {
    e=$(cat -- "$t/.err"); rm -f -- "$t/.err"
    # the whole message on a record of its own: a failure's stderr is cut to its last lines
    printf '__TSPLAY__ id=fail msg=%s\n' "$(tp_b64 "Failed to find handler for \"$src\". Make sure the required command to extract the file is installed.
Unable to list files in the archive: $e")"; exit 0; }
  rm -f -- "$t/.err"
  out=$(eval "\"\$tar\" --extract -f \"\$src\" -C \"\$t\" --no-same-owner $TP_EXTRA $TP_TAR_EXCL $TP_INCL" 2>&1) || tp_fail "failed to unpack $src to $dest: $out"
fi
# the compression names Ansible's handler (TgzArchive, TarXzArchive, ...): the file's first bytes
printf '__TSPLAY__ id=list kind=%s magic=%s names=%s\n' "$kind" "$(od -An -tx1 -N4 -- "$src" | tr -d ' \n')" "$(tp_b64 "$list")"
tp_pinfo "$dest"
cd "$t" || exit 1
# what the task asks of each unpacked path, before comparing (links keep theirs)
if [ -n "$mode" ]; then find . -mindepth 1 ! -type l -exec chmod -- "$mode" {} + || exit 1; fi
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
if [ $diff = 1 ] && [ "$TP_CHECK" != 1 ]; then
  [ -n "$owner" ] && { chown -R -h -- "$owner" . || exit 1; }
  [ -n "$group" ] && { chgrp -R -h -- "$group" . || exit 1; }
  # the entries, not "." itself: dest keeps its own mode and owner; keep_newer: -u leaves newer files be
  find . -mindepth 1 -maxdepth 1 -exec cp -a $keep -t "$dest" -- {} + || tp_fail "failed to unpack $src to $dest"
fi
echo "__TSPLAY__ id=u changed=$diff"
`

/** Ansible's handler class for what was unpacked: zip, or tar by its compression's magic bytes. */
function handler(kind: string, magic = ''): string {
  if (kind === 'zip') return 'ZipArchive'
  const byMagic: Array<[string, string]> = [['1f8b', 'TgzArchive'], ['425a68', 'TarBzipArchive'], ['fd377a58', 'TarXzArchive'], ['28b52ffd', 'TarZstdArchive']]
  return byMagic.find(([m]) => magic.startsWith(m))?.[1] ?? 'TarArchive'
}

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
      include: { type: 'array', items: { type: 'string' }, default: [] },
      ...fileAttrProps,
      list_files: { type: 'boolean', default: false },
      keep_newer: { type: 'boolean', default: false },
      validate_certs: { type: 'boolean' },
      io_buffer_size: { type: 'integer' },
    },
  },
  async run(ctx, a) {
    if (a.include.length && a.exclude.length) throw new ModuleError('parameters are mutually exclusive: include|exclude')
    if (a.remote_src && a.src.includes('://')) throw new ModuleError('unarchive: a URL as src is not supported', 'download it with get_url first, then unarchive with remote_src')
    const spec = parseMode(a.mode)
    const data: Record<string, unknown> = { dest: a.dest, src: a.src }
    if (a.creates && (await ctx.conn.run(`[ -e ${quote(a.creates)} ]`, { become: ctx.become })).rc === 0) {
      // Ansible's action skips the task (AnsibleActionSkip), it does not run the module
      return { status: 'skipped', msg: `skipped, since ${a.creates} exists`, data: {} }
    }
    // Ansible drops a trailing slash of zip excludes; tar takes them as given
    const zipExcl = a.exclude.map((e) => e.replace(/\/+$/, ''))
    const run = (src: string, cache: string, cleanup: boolean) => {
      const vars = [
        `src=${quote(src)}; dest=${quote(a.dest)}; owner=${quote(a.owner ?? '')}; group=${quote(a.group ?? '')}`,
        `mode=${quote(spec === undefined ? '' : spec.kind === 'octal' ? formatMode(spec.value) : spec.text)}; keep=${a.keep_newer ? '-u' : ''}`,
        `cache=${cache}; cleanup=${cleanup ? 1 : ''}`,
        `TP_EXTRA=${quote(quoteArgv(a.extra_opts))}`,
        `TP_INCL=${quote(quoteArgv(a.include))}`,
        `TP_TAR_EXCL=${quote(quoteArgv(a.exclude.map((e) => `--exclude=${e}`)))}`,
        `TP_ZIP_EXCL=${quote(zipExcl.length ? `-x ${quoteArgv(zipExcl)}` : '')}`,
      ].join('\n')
      return runSnippet(ctx, `${vars}\n${PATH_INFO_SH}\n${BODY}`, { check: ctx.check })
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
    if (r.byId.fail) throw new ModuleError(decode64(r.byId.fail.msg))
    const list = r.byId.list
    // Ansible's keys: the handler, and dest's path info (add_path_info)
    if (list) Object.assign(data, { handler: handler(list.kind, list.magic), ...(r.byId.info ? pathInfoRecord(r.byId.info) : {}) })
    if (a.list_files) data.files = members(decode64(list?.names), list?.kind, a)
    if (r.byId.u?.changed !== '1') return ok(undefined, data)
    return changed(ctx.check ? `${a.src} would be unpacked into ${a.dest}` : `${a.src} unpacked into ${a.dest}`, data,
      ctx.diff ? [{ path: a.dest, before: '', after: `unpacked ${a.src}\n` }] : undefined)
  },
})

/** The `files` Ansible reports: the archive's members, less excluded ones (zip: only included ones), no leading slash. */
function members(listing: string, kind: string | undefined, a: UnarchiveArgs): string[] {
  const names = listing.split('\n').filter((n) => n !== '')
  if (kind === 'zip' && a.include.length) return names.filter((n) => a.include.some((p) => fnmatch(n, p)))
  return names.map((n) => n.replace(/^\/+/, '')).filter((n) => !a.exclude.some((p) => fnmatch(n, p)))
}
