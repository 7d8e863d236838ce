// timezone (community.general): the system time zone, read and set in one snippet. With a usable timedatectl
// (systemd running) it asks timedatectl; otherwise it keeps /etc/timezone and /etc/localtime as the
// collection's non-systemd Linux code does (Debian: dpkg-reconfigure tzdata after). Result: diff.before.name
// and diff.after.name, as playbooks read them.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

// $n the zone asked for. tz_get puts the current zone in $v, as the collection reads it: the first word
// of /etc/timezone, then, when that is the zone asked for, what /etc/localtime says (its symlink's zone,
// or n/a when it is not that zone's file).
const BODY = String.raw`
tf=/usr/share/zoneinfo/$n
[ -f "$tf" ] || tp_fail "given timezone \"$n\" is not available"
if timedatectl >/dev/null 2>&1; then sd=1; else sd=0; fi
tz_get() {
  if [ $sd = 1 ]; then v=$(timedatectl show -p Timezone --value 2>/dev/null) || v=n/a; [ -n "$v" ] || v=n/a; return 0; fi
  v=n/a
  if [ -r /etc/timezone ]; then v=$(sed -n 's/^\([^[:space:]][^[:space:]]*\).*/\1/p' /etc/timezone | head -n 1); [ -n "$v" ] || v=n/a; fi
  [ "$v" = "$n" ] || return 0
  if [ -L /etc/localtime ]; then
    if [ ! -e /etc/localtime ]; then v=n/a; return 0; fi
    l=$(readlink /etc/localtime)
    case $l in */usr/share/zoneinfo/*) v=${'$'}{l#*/usr/share/zoneinfo/};; */etc/zoneinfo/*) v=${'$'}{l#*/etc/zoneinfo/};; *) v=n/a;; esac
  elif ! cmp -s /etc/localtime "$tf"; then v=n/a; fi
}
tz_get; before=$v
if [ "$before" != "$n" ] && [ "$TP_CHECK" != 1 ]; then
  if [ $sd = 1 ]; then timedatectl set-timezone "$n" || tp_fail "timedatectl set-timezone $n failed"
  else
    del=$(grep -c '^[^[:space:]]' /etc/timezone 2>/dev/null) || del=0
    tp_tmp /etc # removed on any exit: no temp file is left in /etc
    if [ "$del" = 0 ]; then { printf '%s\n' "$n"; cat /etc/timezone 2>/dev/null; } > "$tmp"
    else awk -v z="$n" '/^[^[:space:]]/ { if (!done) print z; done = 1; next } { print }' /etc/timezone > "$tmp"; fi
    chmod 0644 "$tmp" && mv -f "$tmp" /etc/timezone || tp_fail 'tried to configure name using a file "/etc/timezone", but could not write to it'
    printf '__TSPLAY__ id=edit deleted=%s\n' "$del"
    if command -v dpkg-reconfigure >/dev/null 2>&1; then
      ln -sf "$tf" /etc/localtime || tp_fail "could not link /etc/localtime to $tf"
      dpkg-reconfigure --frontend noninteractive tzdata >/dev/null 2>&1 || tp_fail 'dpkg-reconfigure --frontend noninteractive tzdata failed'
    else cp --remove-destination "$tf" /etc/localtime || tp_fail "could not copy $tf to /etc/localtime"; fi
  fi
  tz_get
fi
printf '__TSPLAY__ id=tz before=%s after=%s\n' "$(tp_b64 "$before")" "$(tp_b64 "$v")"
`

export const timezone = defineModule<{ name?: string; hwclock?: string }>({
  name: 'timezone',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9_+-][A-Za-z0-9_+./-]*$' },
      hwclock: { enum: ['local', 'UTC'], aliases: ['rtc'] },
    },
  },
  async run(ctx, a) {
    if (a.hwclock !== undefined) throw new ModuleError("timezone: 'hwclock' is not supported by tsplay (it sets the zone name only)")
    if (a.name === undefined) throw new ModuleError('one of the following is required: hwclock, name')
    if (a.name.split('/').includes('..')) throw new ModuleError(`given timezone "${a.name}" is not available`)
    const r = await runSnippet(ctx, `n=${quote(a.name)}\n${BODY}`, { check: ctx.check })
    const before = decode64(r.byId.tz.before)
    const after = ctx.check ? a.name : decode64(r.byId.tz.after)
    if (after !== a.name) throw new ModuleError(`still not desired state, though changes have made - planned: {'name': '${a.name}'}, after: {'name': '${after}'}`)
    const edit = r.byId.edit
    const data: Record<string, unknown> = { diff: { before: { name: before }, after: { name: after } } }
    if (edit) data.msg = `Added 1 line and deleted ${edit.deleted} line(s) on /etc/timezone`
    if (before === after) return ok(undefined, data)
    const diff = ctx.diff ? [{ path: 'timezone', before: `name: ${before}\n`, after: `name: ${after}\n` }] : undefined
    return changed(edit ? (data.msg as string) : `timezone set to ${a.name}`, data, diff)
  },
})
