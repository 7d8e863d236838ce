// apt/dpkg in one snippet: query every package's state, then install/remove only what differs.
import { ModuleError } from '../../errors.js'
import { quote, quoteArgv } from '../../util/shell-quote.js'
import type { ModuleContext, TaskResult } from '../types.js'
import { changed, ok } from './result.js'
import { runSnippet, type Fields } from './snippet.js'

export interface AptArgs {
  name?: string[]
  state: 'present' | 'installed' | 'absent' | 'removed' | 'latest'
  deb?: string
  update_cache?: boolean
  purge?: boolean
  install_recommends?: boolean
  force?: boolean
  autoremove?: boolean
  default_release?: string
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9.+:~_-]*(=[A-Za-z0-9.+:~_-]+)?$/

// sh `${…}` is written `%{…}` here so the template literal leaves it alone
const BODY = String.raw`
export DEBIAN_FRONTEND=noninteractive
command -v dpkg-query >/dev/null 2>&1 || tp_fail "apt: dpkg-query not found: not a Debian-family host"
lock="-o DPkg::Lock::Timeout=120"
todo=
inst() { dpkg-query -W -f='%{db:Status-Abbrev}|%{Version}' -- "$1" 2>/dev/null; }
if [ -n "$deb" ]; then
  [ -f "$deb" ] || tp_fail "apt: deb file $deb not found on the host"
  p=$(dpkg-deb -f "$deb" Package) && v=$(dpkg-deb -f "$deb" Version) || tp_fail "apt: $deb is not a valid .deb"
  case "$(inst "$p")" in "ii |$v") ;; *) todo="$p" ;; esac
  if [ -n "$todo" ]; then out=$(tp_do dpkg -i $force "$deb" 2>&1) || tp_fail "dpkg -i $deb failed: $out"; fi
  printf '__TSPLAY__ id=apt todo=%s\n' "$todo"
  exit 0
fi
if [ "$update" = 1 ]; then out=$(apt-get $lock update 2>&1) || tp_fail "apt-get update failed: $out"; fi
for spec; do
  p=%{spec%%=*}; want=; [ "$p" != "$spec" ] && want=%{spec#*=}
  s=$(inst "$p"); ver=%{s#*|}
  case "$s" in ii*) have=1 ;; *) have=0 ;; esac
  [ "$s" = "" ] && case "$state" in present|latest) apt-cache show -- "$p" >/dev/null 2>&1 || tp_fail "No package matching '$p' is available" ;; esac
  case "$state" in
    present) if [ $have = 0 ] || { [ -n "$want" ] && [ "$ver" != "$want" ]; }; then todo="$todo $spec"; fi ;;
    latest) cand=$(apt-cache policy -- "$p" 2>/dev/null | sed -n 's/^ *Candidate: //p')
      if [ $have = 0 ] || { [ -n "$cand" ] && [ "$cand" != "(none)" ] && [ "$cand" != "$ver" ]; }; then todo="$todo $spec"; fi ;;
    absent) case "$s" in ii*|iU*|iF*|iH*|rc*) [ $have = 1 ] || [ -n "$purge" ] && todo="$todo $p" ;; esac ;;
  esac
done
if [ -n "$todo" ] && [ "$TP_CHECK" != 1 ]; then
  if [ "$state" = absent ]; then out=$(apt-get $lock -y remove $purge $todo 2>&1) || tp_fail "apt-get remove failed: $out"
  else out=$(apt-get $lock -y $opts install $todo 2>&1) || tp_fail "apt-get install failed: $out"; fi
fi
if [ "$autoremove" = 1 ] && [ "$TP_CHECK" != 1 ]; then
  n=$(apt-get $lock -y autoremove $purge 2>&1 | grep -c '^Removing') ; [ "$n" -gt 0 ] && todo="$todo autoremove"
fi
printf '__TSPLAY__ id=apt todo=%s\n' "$(echo $todo | tr ' ' ,)"
`.replace(/%\{/g, '${')

/** The apt snippet (vars + body) for these args; its result line has id=apt. */
export function aptScript(a: AptArgs, module: string): { script: string; state: string } {
  const state = a.state === 'installed' ? 'present' : a.state === 'removed' ? 'absent' : a.state
  const names = a.name ?? []
  for (const n of names) if (!NAME.test(n)) throw new ModuleError(`${module}: '${n}' is not a valid package name (name or name=version)`)
  if (!names.length && !a.deb && !a.update_cache && !a.autoremove) throw new ModuleError(`${module}: one of name, deb, update_cache or autoremove is required`)
  const opts: string[] = []
  if (a.install_recommends === true) opts.push('--install-recommends')
  if (a.install_recommends === false) opts.push('--no-install-recommends')
  if (a.default_release) opts.push('-t', a.default_release)
  if (a.force) opts.push('--allow-downgrades', '--allow-remove-essential', '--allow-change-held-packages')
  const vars = [
    `state=${state}`,
    `deb=${quote(a.deb ?? '')}`,
    `update=${a.update_cache ? 1 : 0}`,
    `purge=${a.purge ? '--purge' : ''}`,
    `autoremove=${a.autoremove ? 1 : 0}`,
    `force=${a.force ? '--force-all' : ''}`,
    // options are plain words (default_release is pattern-checked), safe to split unquoted
    `opts=${quote(opts.join(' '))}`,
    names.length ? `set -- ${quoteArgv(names)}` : 'set --',
  ]
  return { script: `${vars.join('\n')}\n${BODY}`, state }
}

/** Turns the host's `id=apt` line into the task result. */
export function aptResult(ctx: ModuleContext, a: AptArgs, state: string, r: Fields | undefined): TaskResult {
  const todo = (r?.todo ?? '').split(',').filter(Boolean)
  const data = { state, packages: todo, cache_updated: !!a.update_cache }
  if (!todo.length) return ok(undefined, data)
  const verb = state === 'absent' ? 'removed' : a.deb ? 'installed from deb' : state === 'latest' ? 'installed or upgraded' : 'installed'
  const diff = ctx.diff ? [{ path: 'packages', before: '', after: `${verb}: ${todo.join(' ')}\n` }] : undefined
  return changed(`${verb}: ${todo.join(', ')}`, data, diff)
}

export async function ensureApt(ctx: ModuleContext, a: AptArgs, module: string): Promise<TaskResult> {
  const { script, state } = aptScript(a, module)
  const r = await runSnippet(ctx, script, { check: ctx.check })
  return aptResult(ctx, a, state, r.byId.apt)
}
