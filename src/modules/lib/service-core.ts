// service/systemd: one snippet detects the init system (systemd only when it is PID 1, else sysv
// `service`/init.d with update-rc.d or chkconfig), reads running/enabled, and applies what differs.
import { ModuleError } from '../../errors.js'
import { quote, quoteArgv } from '../../util/shell-quote.js'
import type { ModuleContext, TaskResult } from '../types.js'
import { changed, ok } from './result.js'
import { runSnippet } from './snippet.js'
import { commandWords } from './exec.js'

export interface ServiceArgs {
  name: string
  state?: 'started' | 'stopped' | 'restarted' | 'reloaded'
  enabled?: boolean
  pattern?: string
  sleep?: number
  arguments?: string
  daemon_reload?: boolean
  masked?: boolean
}

const BODY = String.raw`
pid1=; { read -r pid1 < /proc/1/comm; } 2>/dev/null
if [ "$pid1" = systemd ] && command -v systemctl >/dev/null 2>&1; then mgr=systemd; else mgr=sysv; fi
# check mode after predicted changes: a service not installed yet is assumed installed by an earlier task
missing() { [ "$assume" = 1 ] && { printf '__TSPLAY__ id=svc mgr=%s missing=1\n' "$mgr"; exit 0; }; tp_fail "$@"; }
if [ $mgr = systemd ]; then
  [ "$reload" = 1 ] && { tp_do systemctl daemon-reload || exit 1; }
  systemctl cat -- "$n" >/dev/null 2>&1 || missing "Could not find the requested service $n: host"
elif [ ! -x "/etc/init.d/$n" ]; then
  missing "Could not find the requested service $n: no /etc/init.d/$n on this host (sysv init; PID 1 is $(cat /proc/1/comm 2>/dev/null))"
fi
svc() {
  if [ $mgr = systemd ]; then systemctl "$1" -- "$n"
  elif command -v service >/dev/null 2>&1; then service "$n" "$@"
  else "/etc/init.d/$n" "$@"; fi
}
# TP_EXTRA holds the task's extra arguments, already shell-quoted on the controller
act() { out=$(eval "svc \"\$1\" $TP_EXTRA" 2>&1) || tp_fail "Unable to $1 service $n: $out"; }
if [ -n "$pat" ]; then pgrep -f -- "$pat" >/dev/null 2>&1 && run=1 || run=0
elif [ $mgr = systemd ]; then systemctl is-active --quiet -- "$n" && run=1 || run=0
# the status straight from the init script: through service(8) it costs four more processes (service, env, basename ×2)
else "/etc/init.d/$n" status >/dev/null 2>&1 && run=1 || run=0; fi
if [ $mgr = systemd ]; then systemctl is-enabled --quiet -- "$n" 2>/dev/null && on=1 || on=0
else on=0; for l in /etc/rc2.d/S??"$n" /etc/rc3.d/S??"$n" /etc/rc5.d/S??"$n" /etc/rc.d/rc3.d/S??"$n"; do [ -e "$l" ] && on=1; done; fi
chg=
if [ -n "$en" ] && [ "$en" != "$on" ]; then
  chg="$chg,enabled"
  if [ $mgr = systemd ]; then
    if [ "$en" = 1 ]; then tp_do systemctl enable -- "$n" >/dev/null 2>&1 || tp_fail "Unable to enable service $n"
    else tp_do systemctl disable -- "$n" >/dev/null 2>&1 || tp_fail "Unable to disable service $n"; fi
  elif command -v update-rc.d >/dev/null 2>&1; then
    if [ "$en" = 1 ]; then tp_do update-rc.d "$n" defaults >/dev/null 2>&1; tp_do update-rc.d "$n" enable >/dev/null 2>&1 || tp_fail "Unable to enable service $n (update-rc.d)"
    else tp_do update-rc.d "$n" disable >/dev/null 2>&1 || tp_fail "Unable to disable service $n (update-rc.d)"; fi
  elif command -v chkconfig >/dev/null 2>&1; then
    if [ "$en" = 1 ]; then tp_do chkconfig "$n" on; else tp_do chkconfig "$n" off; fi || tp_fail "Unable to change boot state of $n (chkconfig)"
  else tp_fail "no update-rc.d or chkconfig to enable $n"; fi
fi
case "$state" in
  started) [ $run = 1 ] || { chg="$chg,started"; tp_do act start; } ;;
  stopped) [ $run = 0 ] || { chg="$chg,stopped"; tp_do act stop; } ;;
  restarted) chg="$chg,restarted"
    if [ -n "$pause" ] && [ $run = 1 ]; then tp_do act stop; tp_do sleep "$pause"; tp_do act start
    elif [ $run = 1 ]; then tp_do act restart; else tp_do act start; fi ;;
  reloaded) chg="$chg,reloaded"; if [ $run = 1 ]; then tp_do act reload; else tp_do act start; fi ;;
esac
printf '__TSPLAY__ id=svc mgr=%s running=%s enabled=%s changed=%s\n' "$mgr" "$run" "$on" "$chg"
`

export async function ensureService(ctx: ModuleContext, a: ServiceArgs, module: string): Promise<TaskResult> {
  if (a.state === undefined && a.enabled === undefined && !a.daemon_reload) {
    throw new ModuleError(`${module}: one of the following is required: state, enabled${module === 'systemd' ? ', daemon_reload' : ''}`)
  }
  const extra = a.arguments ? commandWords(module, a.arguments) : []
  const vars = [
    `n=${quote(a.name)}`,
    `state=${quote(a.state ?? '')}`,
    `en=${a.enabled === undefined ? '' : a.enabled ? 1 : 0}`,
    `pat=${quote(a.pattern ?? '')}`,
    `pause=${a.sleep ?? ''}`,
    `reload=${a.daemon_reload ? 1 : 0}`,
    `TP_EXTRA=${quote(quoteArgv(extra))}`,
    `assume=${ctx.check && ctx.afterPredictedChanges ? 1 : 0}`,
  ]
  const script = `${vars.join('\n')}\n${BODY}`
  const r = (await runSnippet(ctx, script, { check: ctx.check })).byId.svc
  if (!r) throw new ModuleError(`${module}: no result from the host`)
  if (r.missing) {
    const would = [a.state, a.enabled === undefined ? undefined : a.enabled ? 'enabled' : 'disabled'].filter(Boolean).join(', ')
    const data = { name: a.name, state: a.state, enabled: a.enabled, service_mgr: r.mgr }
    return changed(`${a.name} would be ${would || 'configured'} (not installed yet: assumed installed by an earlier task)`, data)
  }
  const what = r.changed.split(',').filter(Boolean)
  const data = {
    name: a.name,
    state: a.state ?? (r.running === '1' ? 'started' : 'stopped'),
    enabled: a.enabled ?? r.enabled === '1',
    service_mgr: r.mgr,
    status: { running: r.running === '1', enabled: r.enabled === '1' },
  }
  if (!what.length) return ok(undefined, data)
  const diff = ctx.diff
    ? [{ path: `service ${a.name}`, before: `running: ${r.running === '1'}\nenabled: ${r.enabled === '1'}\n`, after: `${what.map((w) => `${w}: yes`).join('\n')}\n` }]
    : undefined
  return changed(`${a.name}: ${what.join(', ')}`, data, diff)
}
