// The git module's whole decision in one sh snippet (one round trip, changed or not), following Ansible's
// git module step by step: clone when there is no repository (ls-remote only in check mode or with
// clone=no), else local modifications, the remote URL, fetch, checkout of the version, submodules, archive.
// Inputs are sh variables set (quoted) by git.ts; results are `__TSPLAY__` records.
// sh `${…}` is written `%{…}` so the template literal leaves it alone.
export const GIT_SCRIPT = String.raw`
export LANG=C LC_ALL=C LC_MESSAGES=C LC_CTYPE=C
# git status would refresh the index (a write) even in check mode
export GIT_OPTIONAL_LOCKS=0
[ -z "$UMASK" ] || umask "$UMASK" || tp_fail "umask must be an octal integer"
command -v "$G" >/dev/null 2>&1 || tp_fail "Failed to find required executable \"$G\" on the host: install git"
export GIT_SSH_COMMAND="%{GIT_SSH:-%{GIT_SSH_COMMAND:-ssh}} %{GIT_SSH_OPTS:-}$SSH_OPTS"
out() { tp_enc "$2"; printf '__TSPLAY__ id=%s b64=%s\n' "$1" "$_e"; }
warn() { out warn "$1"; }
# git in the destination when it exists (Ansible's cwd=dest), anywhere else otherwise
g() { if [ -d "$DEST" ]; then "$G" -C "$DEST" "$@"; else "$G" "$@"; fi; }
# must MESSAGE ARGS…: git ARGS in dest, or fail with MESSAGE and git's output
must() { _m=$1; shift; _o=$(g "$@" 2>&1) || tp_fail "$_m: $_o"; }
repo_path() {
  if [ "$BARE" = 1 ]; then RP=$DEST; else RP=$DEST/.git; fi
  if [ -f "$RP" ]; then
    _l=$(cat -- "$RP"); case $_l in "gitdir: "*) _l=%{_l#gitdir: } ;; *) tp_fail "Current repo does not have a valid reference to a separate Git dir or it refers to the invalid path: .git file has invalid git dir reference format" ;; esac
    case $_l in /*) RP=$_l ;; *) RP=$DEST/$_l ;; esac
    [ -d "$RP" ] || tp_fail "Current repo does not have a valid reference to a separate Git dir or it refers to the invalid path: $RP is not a directory"
  fi
}
version_of() { g rev-parse "$1" 2>/dev/null; }
branches() { g branch --no-color -a 2>/dev/null | sed 's/^ *//; s/ *$//'; }
# the branch HEAD is on; detached: the one the remote's HEAD names (Ansible's head_splitter)
head_branch() {
  repo_path; _hf=$RP/HEAD
  if branches | grep -Eq '^\* .*(no branch|detached from|detached at)'; then _hf=$RP/refs/remotes/$REMOTE/HEAD; fi
  HB=None; _l=
  [ -r "$_hf" ] && { IFS= read -r _l < "$_hf" || :; }
  [ -n "$_l" ] || return 0
  case $_l in *"refs/remotes/$REMOTE"*) _l=%{_l%%"refs/remotes/$REMOTE"*}%{_l#*"refs/remotes/$REMOTE"} ;; esac
  _l=%{_l##* }
  case $_l in */*/*) _l=%{_l#*/}; _l=%{_l#*/} ;; */*) _l=%{_l#*/} ;; esac
  HB=$_l
}
ls_remote() { _o=$(g ls-remote "$@" 2>&1) || tp_fail "$_o"; }
is_remote_branch() { ls_remote "$1" -h "refs/heads/$VERSION"; case $_o in *"$VERSION"*) return 0 ;; esac; return 1; }
is_remote_tag() { ls_remote "$1" -t "refs/tags/$VERSION"; case $_o in *"$VERSION"*) return 0 ;; esac; return 1; }
is_local_branch() { branches | grep -Fxq -e "$VERSION" -e "* $VERSION"; }
# remote_head REMOTE CLONING: the commit the version names on the remote (a SHA-1 is taken as it is)
remote_head() {
  _tag=
  if [ "$VERSION" = HEAD ]; then
    if [ "$2" = 1 ]; then ls_remote "$1" -h HEAD; else head_branch; ls_remote "$1" -h "refs/heads/$HB"; fi
  elif is_remote_branch "$1"; then ls_remote "$1" -h "refs/heads/$VERSION"
  elif is_remote_tag "$1"; then _tag=1; ls_remote "$1" -t "refs/tags/$VERSION*"
  else RH=$VERSION; return 0; fi
  [ -n "$_o" ] || tp_fail "Could not determine remote revision for $VERSION"
  if [ -n "$_tag" ]; then
    _pick=$_o
    while IFS= read -r _t; do
      case $_t in *"$VERSION^{}") _pick=$_t; break ;; *"$VERSION") _pick=$_t ;; esac
    done <<EOF
$_o
EOF
    _o=$_pick
  fi
  set -f; set -- $_o; set +f; RH=$1
}
unfrack() { realpath -m -- "$1" 2>/dev/null || printf '%s' "$1"; }
remote_url() { RU=$(g ls-remote --get-url "$REMOTE" 2>/dev/null) || RU=; }
set_remote_url() {
  remote_url; URL_CHANGED=0
  [ "$RU" = "$REPO" ] || [ "$(unfrack "$RU")" = "$(unfrack "$REPO")" ] && return 0
  must "Failed to set a new url $REPO for $REMOTE" remote set-url "$REMOTE" "$REPO"
  [ -n "$RU" ] && URL_CHANGED=1; return 0
}
# nothing a fetch could bring: every ref the remote has (heads, tags) is already here at the same commit.
# Then the fetch is skipped, so a run that changes nothing writes nothing (only without depth or refspec)
up_to_date() {
  [ -z "$DEPTH" ] && [ -z "$REFSPEC" ] || return 1
  _r=$(g ls-remote "$REMOTE" 'refs/heads/*' 'refs/tags/*' 2>/dev/null) || return 1
  if [ "$BARE" = 1 ]; then _l=$(g for-each-ref --format='%(objectname)%09%(refname)' refs/heads/ refs/tags/)
  else _l=$(g for-each-ref --format='%(objectname)%09%(refname)' "refs/remotes/$REMOTE/" refs/tags/ | sed "s#	refs/remotes/$REMOTE/#	refs/heads/#"); fi
  printf '%s\n' "$_r" | grep -v '\^{}$' | grep -vxF -f /dev/fd/3 3<<EOF | grep -q . && return 1
$_l
EOF
  return 0
}
do_fetch() {
  set_remote_url
  up_to_date && return 0
  set --; _depth=
  if [ -n "$DEPTH" ]; then
    head_branch
    if [ -n "$REFSPEC" ]; then set -- "$REFSPEC"
    elif [ "$VERSION" = HEAD ]; then set -- "$HB"
    elif is_remote_branch "$REPO"; then
      [ "$HB" != "$VERSION" ] && set -- "+refs/heads/$VERSION:refs/heads/$VERSION"
      set -- "$@" "+refs/heads/$VERSION:refs/remotes/$REMOTE/$VERSION"
    elif is_remote_tag "$REPO"; then set -- "+refs/tags/$VERSION:refs/tags/$VERSION"; fi
    [ $# -gt 0 ] && _depth="--depth $DEPTH"
  fi
  _tags=
  if [ -z "$_depth" ]; then
    if [ "$BARE" = 1 ]; then set -- '+refs/heads/*:refs/heads/*' '+refs/tags/*:refs/tags/*'; else set --; _tags=--tags; fi
    [ -n "$REFSPEC" ] && set -- "$@" "$REFSPEC"
  fi
  must "Failed to download remote objects and refs" fetch $_depth $_tags %{FORCE:+--force} "$REMOTE" "$@"
}
verify() {
  _sub=verify-commit
  g for-each-ref refs/tags/ --format '%(objecttype):%(refname:short)' 2>/dev/null | grep -Fxq "tag:$VERSION" && _sub=verify-tag
  _err=$(g "$_sub" %{GPG_WL:+--raw} "$VERSION" 2>&1 >/dev/null) || tp_fail "Failed to verify GPG signature of commit/tag \"$VERSION\": $_err"
  if [ -n "$GPG_WL" ]; then
    _fp=$(printf '%s\n' "$_err" | awk '$2 == "VALIDSIG" { print (NF == 11 ? $12 : $3); exit }')
    case " $GPG_WL " in *" $_fp "*) ;; *) tp_fail "The gpg_whitelist does not include the public key \"$_fp\" for this commit" ;; esac
  fi
}
do_clone() {
  mkdir -p -- "$(dirname -- "$DEST")" 2>/dev/null
  set -- clone; _bt=
  if [ "$BARE" = 1 ]; then set -- "$@" --bare; else set -- "$@" --origin "$REMOTE"; fi
  # asked first as Ansible asks it: a repository that is not there fails here, with ls-remote's words
  { is_remote_branch "$REPO" || is_remote_tag "$REPO"; } && _bt=1
  if [ -n "$DEPTH" ]; then
    if [ "$VERSION" = HEAD ] || [ -n "$REFSPEC" ]; then set -- "$@" --depth "$DEPTH"
    elif [ -n "$_bt" ]; then set -- "$@" --depth "$DEPTH" --branch "$VERSION"
    else warn "Ignoring depth argument. Shallow clones are only available for HEAD, branches, tags or in combination with refspec."; fi
  fi
  [ -n "$REFERENCE" ] && set -- "$@" --reference "$REFERENCE"
  if [ "$SINGLE" = 1 ]; then set -- "$@" --single-branch; [ -n "$_bt" ] && set -- "$@" --branch "$VERSION"; fi
  [ -n "$SEP" ] && set -- "$@" "--separate-git-dir=$SEP"
  _o=$("$G" "$@" "$REPO" "$DEST" 2>&1) || tp_fail "$_o"
  if [ "$BARE" = 1 ] && [ "$REMOTE" != origin ]; then must "Failed to add remote $REMOTE" remote add "$REMOTE" "$REPO"; fi
  if [ -n "$REFSPEC" ]; then must "Failed to fetch $REFSPEC" fetch %{DEPTH:+--depth "$DEPTH"} "$REMOTE" "$REFSPEC"; fi
  [ "$VERIFY" = 1 ] && verify; return 0
}
# at_target COMMIT-ISH [BRANCH]: a clean checkout already at the commit, on the branch (detached without one):
# checkout and reset would change nothing but the reflog, so they are skipped
at_target() {
  [ "$MODS" = 0 ] || return 1
  _h=$(g rev-parse -q --verify HEAD) && _t=$(g rev-parse -q --verify "$1^{commit}") && [ "$_h" = "$_t" ] || return 1
  _b=$(g symbolic-ref -q HEAD) || _b=
  [ "$_b" = "%{2:+refs/heads/$2}" ]
}
switch_version() {
  if [ "$VERSION" = HEAD ]; then
    head_branch
    if ! at_target "$REMOTE/$HB" "$HB"; then
      must "Failed to checkout branch $HB" checkout --force "$HB"
      must "Failed to checkout branch $HB" reset --hard "$REMOTE/$HB" --
    fi
  elif is_remote_branch "$REMOTE"; then
    if [ -n "$DEPTH" ] && ! is_local_branch; then
      must "Failed to fetch branch from remote: $VERSION" fetch "--depth=$DEPTH" "$REMOTE" "+refs/heads/$VERSION:refs/heads/$VERSION" "+refs/heads/$VERSION:refs/remotes/$REMOTE/$VERSION"
    fi
    if ! is_local_branch; then must "Failed to checkout $VERSION" checkout --track -b "$VERSION" "$REMOTE/$VERSION"
    elif ! at_target "$REMOTE/$VERSION" "$VERSION"; then must "Failed to checkout branch $VERSION" checkout --force "$VERSION"; must "Failed to checkout $VERSION" reset --hard "$REMOTE/$VERSION"; fi
  elif ! at_target "$VERSION"; then
    must "Failed to checkout $VERSION" checkout --force "$VERSION"
  fi
  [ "$VERIFY" = 1 ] && verify; return 0
}
# submodules: a new one (no .git yet) or one off its recorded (or tracked) commit
submodules_changed() {
  SUB=0; [ -f "$DEST/.gitmodules" ] || return 0
  while IFS= read -r _l; do
    case $_l in *path*=*) _p=%{_l#*=}; _p=$(printf '%s' "$_p" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'); [ -e "$DEST/$_p/.git" ] || { SUB=1; return 0; } ;; esac
  done < "$DEST/.gitmodules"
  _b=$(g submodule foreach "$G" rev-parse HEAD 2>&1) || tp_fail "Unable to determine hashes of submodules: $_b"
  must "Failed to fetch submodules" submodule foreach "$G" fetch
  if [ "$TRACK" = 1 ]; then
    _a=$(g submodule foreach "$G" rev-parse "$REMOTE/master" 2>&1) || tp_fail "Unable to determine hashes of submodules: $_a"
    [ "$_a" = "$_b" ] || SUB=1
  else
    _s=$(g submodule status 2>&1) || tp_fail "Failed to retrieve submodule status: $_s"
    printf '%s\n' "$_s" | grep -q '^[^ ]' && SUB=1
  fi
  return 0
}
submodule_update() {
  [ -f "$DEST/.gitmodules" ] || return 0
  must "Failed to sync submodules" submodule sync
  set -- submodule update --init --recursive; [ "$TRACK" = 1 ] && set -- "$@" --remote
  must "Failed to init/update submodules" "$@" %{FORCE:+--force}
}
make_archive() {
  case $ARCHIVE in *.zip) _f=zip ;; *.gz) _f=tar.gz ;; *.tar) _f=tar ;; *.tgz) _f=tgz ;; *) tp_fail "Unable to get file extension from archive file name : $ARCHIVE" ;; esac
  [ "$TP_CHECK" = 1 ] && { CHANGED=1; return 0; }
  set -- archive --format "$_f" %{ARCHIVE_PREFIX+--prefix "$ARCHIVE_PREFIX"}
  if [ -e "$ARCHIVE" ]; then
    _td=$(mktemp -d) || tp_fail "cannot make a temporary directory"
    must "Failed to perform archive operation" "$@" --output "$_td/new.$_f" "$VERSION"
    if cmp -s -- "$_td/new.$_f" "$ARCHIVE"; then rm -rf -- "$_td"; else mv -f -- "$_td/new.$_f" "$ARCHIVE" && rm -rf -- "$_td" && CHANGED=1 || tp_fail "Failed to move the archive to $ARCHIVE"; fi
  else
    must "Failed to perform archive operation" "$@" --output "$ARCHIVE" "$VERSION"; CHANGED=1
  fi
}
report() { printf '__TSPLAY__ id=git changed=%s before=%s after=%s url=%s sub=%s mods=%s\n' "$CHANGED" "$BEFORE" "$AFTER" "$URL_CHANGED" "$SUB" "$MODS"; exit 0; }
diff_of() {
  [ "$DIFF" = 1 ] || return 0
  if [ -z "$BEFORE" ]; then out diff ">> Newly checked out $AFTER"; return 0; fi
  [ "$BEFORE" != "$AFTER" ] || return 0
  if _d=$(g diff "$BEFORE" "$AFTER" 2>&1); then
    if [ -n "$_d" ]; then out diff "$_d"; else out diff ">> No visual differences between $BEFORE and $AFTER"; fi
  else out diff ">> Failed to get proper diff between $BEFORE and $AFTER:
>> $_d"; fi
}

CHANGED=0 BEFORE= AFTER= URL_CHANGED= SUB= MODS=0
if [ -n "$SEP" ]; then SEP=$(realpath -m -- "$SEP"); fi
repo_path
if [ -n "$SEP" ] && [ -e "$RP" ] && [ "$SEP" != "$RP" ]; then
  CHANGED=1
  if [ "$TP_CHECK" != 1 ]; then
    [ -e "$SEP" ] && tp_fail "Separate-git-dir path $SEP already exists."
    mv -- "$RP" "$SEP" && printf 'gitdir: %s' "$SEP" > "$DEST/.git" || tp_fail "Unable to move git dir."
    out gitdir_before "$RP"; out gitdir_now "$SEP"; RP=$SEP
  fi
fi
if [ ! -e "$RP/config" ]; then
  if [ "$TP_CHECK" = 1 ] || [ "$CLONE" != 1 ]; then
    remote_head "$REPO" 1; CHANGED=1 AFTER=$RH; diff_of; report
  fi
  do_clone
elif [ "$UPDATE" != 1 ]; then
  BEFORE=$(version_of HEAD); AFTER=$BEFORE
  [ -n "$ARCHIVE" ] && make_archive
  report
else
  if [ "$BARE" != 1 ] && g status --porcelain 2>/dev/null | grep -qv '^??'; then MODS=1; fi
  BEFORE=$(version_of HEAD)
  if [ "$MODS" = 1 ]; then
    [ "$FORCE" = 1 ] || { printf '__TSPLAY__ id=partial before=%s\n' "$BEFORE"; out msg "Local modifications exist in the destination: $DEST (force=no)."; tp_fail "Local modifications exist in the destination: $DEST (force=no)."; }
    if [ "$TP_CHECK" != 1 ]; then must "Failed to reset $DEST" reset --hard HEAD; CHANGED=1; out msg "Local modifications exist in the destination: $DEST"; fi
  fi
  if [ "$TP_CHECK" = 1 ]; then
    remote_url; URL_CHANGED=0
    if [ -n "$RU" ] && [ "$RU" != "$REPO" ] && [ "$(unfrack "$RU")" != "$(unfrack "$REPO")" ]; then URL_CHANGED=1; fi
    remote_head "$REMOTE" 0; AFTER=$RH; CHANGED=0
    { [ "$BEFORE" != "$AFTER" ] || [ "$URL_CHANGED" = 1 ]; } && CHANGED=1
    diff_of; report
  fi
  set_remote_url; _url=$URL_CHANGED
  do_fetch; URL_CHANGED=$_url
fi
[ "$BARE" = 1 ] || switch_version
SUB=0
if [ "$RECURSIVE" = 1 ] && [ "$BARE" != 1 ]; then
  submodules_changed
  [ "$SUB" = 1 ] && submodule_update
fi
AFTER=$(version_of HEAD)
if [ "$BEFORE" != "$AFTER" ] || [ "$MODS" = 1 ] || [ "$SUB" = 1 ] || [ "$URL_CHANGED" = 1 ]; then CHANGED=1; diff_of; fi
[ -n "$ARCHIVE" ] && make_archive
report
`.replace(/%\{/g, '${')
