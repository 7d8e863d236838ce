// Temp files on hosts, written by sh with no process spawned on the usual path. Every file tsplay writes
// goes to a temp file beside it first; the name carries the writing shell's pid and start time
// (`.tsplay-PID.START-N.tmp`, from /proc/self/stat), so a later write to the same directory can tell a temp
// file whose writer is gone (a host killed mid-copy, a SIGKILL) from one still being written, and removes
// it. The writer's own traps remove it on exit and on HUP, INT, TERM and PIPE (an interrupted run).
// Received data has an idle limit (TP_IDLE seconds, set by the connection from its keepalive): a sender
// cut off mid-transfer leaves no `cat` waiting forever.

const lines = [
  // tp_own: "PID.STARTTIME" of this shell (a subshell is its own process), or empty without /proc
  'tp_own() { _own=; { read -r _s < /proc/self/stat; } 2>/dev/null || return 0; tp_start "$_s"; _own="${_s%% *}.$_st"; }',
  // tp_start STAT-LINE: field 22 (start time) into $_st; the command name in parentheses may hold spaces
  'tp_start() { _st=; set -f; set -- ${1##*) }; set +f; [ $# -ge 20 ] && shift 19 && _st=$1; }',
  // tp_sweep DIR: remove .tsplay temp files in DIR whose shell no longer runs (not when /proc cannot tell)
  'tp_sweep() {',
  '  [ -n "$_own" ] && [ -r /proc/1/stat ] || return 0',
  '  for _f in "$1"/.tsplay-[0-9]*.[0-9]*-[0-9]*.tmp*; do',
  '    [ -f "$_f" ] || continue',
  '    _o=${_f##*/.tsplay-}; _o=${_o%%-*}',
  '    [ "$_o" = "$_own" ] && continue',
  '    if { read -r _s < "/proc/${_o%%.*}/stat"; } 2>/dev/null; then tp_start "$_s"; [ "${_o%%.*}.$_st" = "$_o" ] && continue; fi',
  '    rm -f -- "$_f" 2>/dev/null',
  '  done',
  '}',
  // tp_tmp DIR: $tmp = a new temp path in DIR, removed when this shell exits or is signalled
  'tp_tmp() {',
  '  [ -n "$_own" ] || tp_own',
  '  tp_sweep "$1"',
  '  _tn=$((${_tn:-0} + 1)); tmp="$1/.tsplay-${_own:-$$.0}-$_tn.tmp"',
  `  trap 'rm -f -- "$tmp"' EXIT; trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE; trap 'exit 143' TERM`,
  '}',
  // tp_wfail DEST: a write to $tmp failed; say why in the words of the system (No space left on device…)
  'tp_wfail() { _w=$( { head -c 1 /dev/zero >> "$tmp"; } 2>&1 ); _w=${_w##*: }; printf \'cannot write %s: %s\\n\' "$1" "${_w:-write error}" >&2; exit 1; }',
  // tp_recv SIZE DEST: stdin into $tmp, all SIZE bytes; no data for TP_IDLE seconds ends the transfer
  'tp_recv() {',
  '  if [ "${TP_IDLE:-0}" -gt 0 ]; then',
  '    exec 3<&0; cat <&3 > "$tmp" 2>/dev/null & _c=$!; exec 3<&-',
  '    ( _n=-1 _i=0; while sleep 1; do kill -0 "$_c" 2>/dev/null || exit 0',
  '      _m=$(wc -c < "$tmp"); if [ "$_m" = "$_n" ]; then _i=$((_i + 1)); [ "$_i" -lt "$TP_IDLE" ] || { kill "$_c"; exit 0; }; else _n=$_m _i=0; fi',
  '    done ) & _wd=$!',
  '    wait "$_c" 2>/dev/null; _rc=$?; kill "$_wd" 2>/dev/null', // dash says "Terminated" for a killed cat
  '  else cat > "$tmp" 2>/dev/null; _rc=$?; fi',
  '  [ "$_rc" = 143 ] && { printf \'no data for %ss: the transfer to %s was abandoned\\n\' "$TP_IDLE" "$2" >&2; exit 1; }',
  '  [ "$_rc" = 0 ] || tp_wfail "$2"',
  '  _m=$(wc -c < "$tmp"); [ "$_m" -eq "$1" ] || { printf \'transfer interrupted: %s of %s bytes for %s\\n\' "$_m" "$1" "$2" >&2; exit 1; }',
  '}',
]

/** sh functions tp_tmp, tp_sweep, tp_recv and tp_wfail (see the file comment); no output, no process. */
export const REMOTE_TEMP_SH = lines.join('\n')
