// service_facts: the host's services as the fact `services` (name → {name, state, status?, source}), read
// as Ansible's module reads them, in one round trip: sysv through `service --status-all` (where there is
// no chkconfig or OpenRC), systemd through systemctl when it is PID 1. Changes nothing.
import { ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

const SCAN = String.raw`export LANG=C LC_ALL=C
emit() { tp_enc "$2"; printf '__TSPLAY__ id=%s out=%s\n' "$1" "$_e"; }
if command -v service >/dev/null 2>&1 && ! command -v chkconfig >/dev/null 2>&1 && ! command -v rc-status >/dev/null 2>&1; then
  o=$(service --status-all 2>/dev/null); rc=$?
  if [ $rc = 4 ] && [ ! -e /etc/init.d ]; then :; else emit sysv "$o"; [ $rc = 0 ] || emit sysv_rc "$rc"; fi
fi
p1=; { read -r p1 < /proc/1/comm; } 2>/dev/null
case $p1 in *systemd*)
  if c=$(command -v systemctl) || c=$(PATH=/usr/bin:/usr/local/bin command -v systemctl); then
    units=$("$c" list-units --no-pager --type service --all 2>&1) && emit units "$units" || emit units_err "$units"
    files=$("$c" list-unit-files --no-pager --type service --all 2>&1) && emit files "$files" || emit files_err "$files"
    # the state of units that have a file but are not loaded: one systemctl show for all of them
    loaded=$(printf '%s\n' "$units" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /\.service$/) { print $i; break } }')
    extra=$(printf '%s\n' "$files" | awk '$1 ~ /\.service$/ { print $1 }' | grep -vxF -f /dev/fd/3 3<<EOF
$loaded
EOF
)
    [ -n "$extra" ] && emit show "$(printf '%s\n' "$extra" | xargs "$c" show --property=Id,ActiveState -- 2>/dev/null)"
  fi ;;
esac`

type Service = Record<string, unknown>
const BAD = ['not-found', 'masked', 'failed']

export function parseSysv(out: string, services: Record<string, Service>): void {
  for (const m of out.matchAll(/^\s*\[ (\+|-) \]\s+(.+)$/gm)) services[m[2]] = { name: m[2], state: m[1] === '+' ? 'running' : 'stopped', source: 'sysv' }
}

export function parseSystemd(units: string, files: string, show: string, services: Record<string, Service>): void {
  for (const line of units.split('\n').filter((l) => l.includes('.service'))) {
    let fields = line.trim().split(/\s+/)
    let status = 'unknown'
    const bad = BAD.find((b) => fields.includes(b))
    if (bad) ((status = bad), (fields = fields.slice(1)))
    else status = fields[2]
    services[fields[0]] = { name: fields[0], state: fields[3] === 'running' ? 'running' : 'stopped', status, source: 'systemd' }
  }
  const active = new Map<string, string>()
  for (const block of show.split('\n\n')) {
    const id = /^Id=(.*)$/m.exec(block)?.[1]
    const state = /^ActiveState=(.*)$/m.exec(block)?.[1]
    if (id !== undefined && state !== undefined) active.set(id, state)
  }
  for (const line of files.split('\n').filter((l) => l.includes('.service'))) {
    const [name, status] = line.trim().split(/\s+/)
    if (!(name in services)) services[name] = { name, state: active.get(name) || 'unknown', status, source: 'systemd' }
    else if (!BAD.includes(services[name].status as string)) services[name].status = status
  }
}

export const serviceFacts = defineModule<Record<string, never>>({
  name: 'service_facts',
  schema: {
    type: 'object',
    additionalProperties: false,
    description:
      "Sets the fact `services`: each service by name with its state (running, stopped…), source (sysv or systemd) and, for systemd, " +
      'its status (enabled, disabled, static…). sysv services come from `service --status-all`, systemd units from systemctl when ' +
      'systemd is PID 1. Changes nothing; one round trip.',
    examples: [
      `- name: What runs here
  service_facts:

- debug:
    msg: "cron is {{ ansible_facts.services['cron'].state }}"
  when: "'cron' in ansible_facts.services"
`,
    ],
    properties: {},
  },
  async run(ctx) {
    const r = await runSnippet(ctx, SCAN)
    const get = (id: string) => decode64(r.byId[id]?.out)
    const services: Record<string, Service> = {}
    const warnings: string[] = []
    if (r.byId.sysv) parseSysv(get('sysv'), services)
    if (r.byId.sysv_rc) warnings.push(`Unable to query 'service' tool (${get('sysv_rc')})`)
    if (r.byId.units_err) warnings.push(`Could not list units from systemd: ${get('units_err')}`)
    if (r.byId.files_err) warnings.push(`Could not get unit files data from systemd: ${get('files_err')}`)
    if (r.byId.units || r.byId.files) parseSystemd(get('units'), get('files'), get('show'), services)
    const extra = warnings.length ? { warnings } : {}
    if (!Object.keys(services).length) {
      return { status: 'skipped', msg: 'Failed to find any services. This can be due to privileges or some other configuration issue.', data: { skipped: true, ...extra } }
    }
    return ok(undefined, { ansible_facts: { services }, ...extra })
  },
})
