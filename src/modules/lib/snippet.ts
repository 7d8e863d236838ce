// Remote sh snippets that check (and apply) in one round trip and report on `__TSPLAY__ k=v …` lines.
import { ModuleError } from '../../errors.js'
import { REMOTE_TEMP_SH } from '../../connection/remote-temp.js'
import type { RunResult } from '../../connection/types.js'
import type { ModuleContext } from '../types.js'

export const MARK = '__TSPLAY__'

// Shell helpers every snippet starts with. Values with arbitrary bytes travel base64-encoded; values made
// only of safe characters travel as `~value` (not in base64's alphabet; decode64 reads both), which spares
// the host a pipe and a base64 process per value. Each process a probe spawns costs the host ~0.5 ms of
// CPU: a probe spawns only stat (and the checksum tool); the umask is printed once per snippet by the
// builtin on a record of its own (`$(umask)` would fork), and runSnippet copies it into every record.
// `tp_probe ID PATH -` reports the type alone (no stat); after a full tp_probe of a symlink, $_lt holds its
// target as readlink would print it. `tp_probe ID PATH cmp` compares a regular file of up to SAME_LIMIT bytes
// with the text in $_want (record `same=1` when it holds it: its size must be the text's too), a larger one
// by sha256.
export const SAME_LIMIT = 1024
export const PRELUDE = String.raw`
tp_enc() { case $1 in ''|*[!abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./@%+=:,-]*) _e=$(printf '%s' "$1" | base64 -w0);; *) _e="~$1";; esac; }
tp_b64() { tp_enc "$1"; printf '%s' "$_e"; }
# tp_dir PATH: POSIX dirname into $_d without a process
tp_dir() {
  _d=$1
  case $_d in '') _d=.; return;; *[!/]*) ;; *) _d=/; return;; esac
  while [ "${'$'}{_d%/}" != "$_d" ]; do _d=${'$'}{_d%/}; done
  case $_d in */*) _d=${'$'}{_d%/*};; *) _d=.; return;; esac
  while [ "${'$'}{_d%/}" != "$_d" ]; do _d=${'$'}{_d%/}; done
  _d=${'$'}{_d:-/}
}
tp_fail() { printf '%s\n' "$*" >&2; exit 1; }
# tp_same PATH: whether the file holds the text $_want, read by the builtin (no process: ~0.2 ms for a KB,
# where a checksum tool costs ~0.9 ms), never more than SAME_LIMIT bytes of it. read drops NUL bytes: the
# caller compares the sizes too.
tp_same() {
  _c= _l=
  { while IFS= read -r _l; do _c="$_c$_l
"; [ ${'$'}{#_c} -le ${SAME_LIMIT} ] || return 1; done; } 2>/dev/null < "$1" || return 1
  [ "$_c$_l" = "$_want" ]
}
tp_do() { [ "$TP_CHECK" = 1 ] || "$@"; }
tp_probe() {
  _id=$1 _p=$2 _alg=$3 _lt=
  [ -n "$_um" ] || { _um=1; printf '%s id=umask umask=' __TSPLAY__; umask; }
  tp_enc "$_p"; _pe=$_e
  if [ -L "$_p" ]; then _t=l; elif [ -d "$_p" ]; then _t=d; elif [ -f "$_p" ]; then _t=f; elif [ -e "$_p" ]; then _t=o; else
    printf '%s id=%s exists=0 path=%s\n' __TSPLAY__ "$_id" "$_pe"; return 0; fi
  if [ "$_alg" = - ]; then printf '%s id=%s exists=1 type=%s path=%s\n' __TSPLAY__ "$_id" "$_t" "$_pe"; return 0; fi
  _x=
  if [ "$_t" = l ]; then
    # the link's target from the same stat (%N, literal: 'PATH -> TARGET' byte for byte), not a readlink;
    # coreutils before 8.26 quote %N whatever QUOTING_STYLE says: there, readlink
    _s=$(QUOTING_STYLE=literal stat -c '%a %U %G %u %g %s %Y %i %h %N' -- "$_p") || return 1
    _r=${'$'}{_s#* * * * * * * * * } # what %N printed, after the nine fields
    case $_r in
      "$_p -> "*) _lt=${'$'}{_r#"$_p -> "}; _s=${'$'}{_s%"$_r"};;
      *) _s=$(stat -c '%a %U %G %u %g %s %Y %i %h' -- "$_p") || return 1; _lt=$(readlink -- "$_p");;
    esac
    tp_enc "$_lt"; _x="target=$_e"; [ -d "$_p" ] && _x="$_x ltype=d"; [ -f "$_p" ] && _x="$_x ltype=f"
  else _s=$(stat -c '%a %U %G %u %g %s %Y %i %h' -- "$_p") || return 1; fi
  set -f; set -- $_s; set +f
  if [ "$_t" != f ] || [ -z "$_alg" ]; then :
  elif [ "$_alg" = cmp ] && [ $# = 9 ] && [ "$6" -le ${SAME_LIMIT} ]; then tp_same "$_p" && _x=same=1 # 9: no space in a name, $6 is the size
  else [ "$_alg" = cmp ] && _alg=sha256; _x=$("$_alg"sum < "$_p"); _x="sha=${'$'}{_x%% *}"; fi
  printf '%s id=%s exists=1 type=%s mode=%s user=%s group=%s uid=%s gid=%s size=%s mtime=%s inode=%s nlink=%s path=%s %s\n' \
    __TSPLAY__ "$_id" "$_t" "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "$_pe" "$_x"
}
`

/** Content the host's shell can compare as text (tp_probe cmp): small, no NUL byte, valid UTF-8 (sent as a string). */
export function comparableText(content: Buffer): string | undefined {
  if (content.length > SAME_LIMIT || content.includes(0)) return undefined
  const text = content.toString('utf8')
  return Buffer.byteLength(text) === content.length && Buffer.from(text, 'utf8').equals(content) ? text : undefined
}

export type Fields = Record<string, string>

/** Every `__TSPLAY__` line of the output, as key/value maps. */
export function parseResultLines(stdout: string): Fields[] {
  const out: Fields[] = []
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(MARK + ' ')) continue
    const fields: Fields = {}
    for (const token of line.slice(MARK.length + 1).split(' ')) {
      const eq = token.indexOf('=')
      if (eq > 0) fields[token.slice(0, eq)] = token.slice(eq + 1)
    }
    out.push(fields)
  }
  return out
}

export function decode64(value: string | undefined): string {
  if (value === undefined) return ''
  return value.startsWith('~') ? value.slice(1) : Buffer.from(value, 'base64').toString('utf8')
}

// The prelude as one lib (RunOptions.lib: a persistent shell defines it once); the temp-file helpers are
// a second, larger one, only for snippets that write a file.
const LIB = PRELUDE
const LIB_WITH_TEMP = `${PRELUDE}\n${REMOTE_TEMP_SH}`

/** The sh definitions a snippet body needs (see RunOptions.lib). */
export function snippetLib(body: string): string {
  return body.includes('tp_tmp ') ? LIB_WITH_TEMP : LIB
}

/** The snippet's own command: check flag and body (its lib is defined apart, snippetLib). */
export function snippetCommand(body: string, check = false): string {
  return `TP_CHECK=${check ? 1 : 0}\n${body}\n`
}

/** A whole snippet as one text: lib, check flag, body (for a shell that keeps nothing). */
export function snippet(body: string, check = false): string {
  return `${snippetLib(body)}\n${snippetCommand(body, check)}`
}

export interface SnippetResult extends RunResult {
  records: Fields[]
  byId: Record<string, Fields>
}

/** Runs a snippet; a non-zero exit becomes a ModuleError carrying the trimmed remote stderr. */
export async function runSnippet(ctx: ModuleContext, body: string, opts: { check?: boolean; stdin?: string | Buffer; allowFail?: boolean } = {}): Promise<SnippetResult> {
  const res = await ctx.conn.run(snippetCommand(body, opts.check ?? false), { become: ctx.become, stdin: opts.stdin, lib: snippetLib(body) })
  if (res.rc !== 0 && !opts.allowFail) throw new ModuleError(remoteError(res))
  const records = parseResultLines(res.stdout)
  const byId: Record<string, Fields> = {}
  for (const r of records) if (r.id) byId[r.id] = r
  const umask = byId.umask?.umask
  if (umask) for (const r of records) r.umask ??= umask
  return { ...res, records, byId }
}

/** The last lines of stderr (or stdout), for failure messages. */
export function remoteError(res: RunResult): string {
  const text = (res.stderr.trim() || res.stdout.trim() || `exit code ${res.rc}`).split('\n')
  return text.slice(-5).join('\n').slice(0, 2000)
}
