// hostname: the running hostname and /etc/hostname, checked and set in one snippet.
import { quote } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

const BODY = String.raw`
cur=$(hostname); file=$(cat /etc/hostname 2>/dev/null)
printf '__TSPLAY__ id=h cur=%s file=%s\n' "$(tp_b64 "$cur")" "$(tp_b64 "$file")"
if [ "$cur" != "$n" ]; then tp_do hostname "$n" || tp_fail "could not set the hostname to $n"; fi
if [ "$file" != "$n" ] && [ "$TP_CHECK" != 1 ]; then
  t=$(mktemp /etc/.hostname.XXXXXX) && printf '%s\n' "$n" > "$t" && chmod 0644 "$t" && mv -f "$t" /etc/hostname || tp_fail "could not write /etc/hostname"
fi
`

export const hostname = defineModule<{ name: string; use?: string }>({
  name: 'hostname',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: { type: 'string', pattern: '^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$' }, use: { type: 'string' } },
  },
  async run(ctx, a) {
    const r = (await runSnippet(ctx, `n=${quote(a.name)}\n${BODY}`, { check: ctx.check })).byId.h
    const cur = decode64(r.cur)
    const file = decode64(r.file)
    const data = { ansible_facts: { ansible_hostname: a.name.split('.')[0], ansible_nodename: a.name }, name: a.name }
    if (cur === a.name && file === a.name) return ok(undefined, data)
    const diff = ctx.diff ? [{ path: 'hostname', before: `hostname = ${cur}\n/etc/hostname = ${file}\n`, after: `hostname = ${a.name}\n/etc/hostname = ${a.name}\n` }] : undefined
    return changed(`hostname set to ${a.name}`, data, diff)
  },
})
