// get_url: download a URL on the host. Not re-downloaded when dest exists (unless force) or when
// its checksum already matches; replaced only if the downloaded bytes differ.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { attrText, planAttrs } from './lib/attrs.js'
import { curlConfig, httpProps, type HttpArgs } from './lib/curl.js'
import { changed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface GetUrlArgs extends HttpArgs {
  dest: string
  force: boolean
  checksum?: string
  mode?: string | number
  owner?: string
  group?: string
  backup?: boolean
}

const BODY = String.raw`
if [ -d "$d" ]; then d="$d/$name"; fi
have=
if [ -f "$d" ] && [ -n "$alg" ]; then have=$("$alg"sum < "$d" | cut -d' ' -f1); fi
if [ -e "$d" ] && { [ "$force" = 0 ] && [ -z "$alg" ] || { [ -n "$alg" ] && [ "$have" = "$sum" ]; }; }; then
  echo '__TSPLAY__ id=g state=present'; tp_probe f "$d" ''; exit 0
fi
if [ "$TP_CHECK" = 1 ]; then echo '__TSPLAY__ id=g state=would'; tp_probe f "$d" ''; exit 0; fi
[ -d "$(dirname -- "$d")" ] || tp_fail "Destination dir $(dirname -- "$d") does not exist"
tp_dir "$d"; tp_tmp "$_d"
code=$(curl -K - -o "$tmp" -w '%{http_code}' 2>"$tmp.err"); rc=$?
err=$(cat "$tmp.err"); rm -f "$tmp.err"
[ $rc = 0 ] || tp_fail "Request failed: $err"
case "$code" in 2??|000) ;; *) tp_fail "Request failed: HTTP Error $code" ;; esac
if [ -n "$alg" ]; then got=$("$alg"sum < "$tmp" | cut -d' ' -f1); [ "$got" = "$sum" ] || tp_fail "The checksum for $d did not match $sum; it was $got."; fi
if [ -f "$d" ] && cmp -s "$tmp" "$d"; then echo '__TSPLAY__ id=g state=same'; tp_probe f "$d" ''; exit 0; fi
if [ -e "$d" ]; then chmod --reference="$d" "$tmp"; chown --reference="$d" "$tmp" 2>/dev/null
  if [ "$backup" = 1 ]; then cp -p -- "$d" "$d.$(date +%Y-%m-%d@%H:%M:%S)~" || exit 1; fi
else chmod "$(printf %o $((0666 & ~$(umask))))" "$tmp"; fi
mv -f -- "$tmp" "$d" || exit 1
printf '__TSPLAY__ id=g state=downloaded size=%s\n' "$(stat -c %s -- "$d")"
tp_probe f "$d" ''
`

export const getUrl = defineModule<GetUrlArgs>({
  name: 'get_url',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'dest'],
    properties: {
      ...httpProps,
      dest: { type: 'string' },
      force: { type: 'boolean', default: false },
      checksum: { type: 'string', pattern: '^(md5|sha1|sha224|sha256|sha384|sha512):[0-9a-fA-F]+$' },
      mode: { type: ['string', 'integer'] },
      owner: { type: 'string' },
      group: { type: 'string' },
      backup: { type: 'boolean', default: false },
      tmp_dest: { type: 'string' },
    },
  },
  async run(ctx, a) {
    const [alg, sum] = a.checksum ? a.checksum.split(':') : ['', '']
    const name = decodeURIComponent(new URL(a.url).pathname.split('/').pop() || 'index.html')
    const vars = `d=${quote(a.dest)}; name=${quote(name)}; force=${a.force ? 1 : 0}; alg=${alg}; sum=${quote(sum.toLowerCase())}; backup=${a.backup ? 1 : 0}`
    const r = await runSnippet(ctx, `${vars}\n${BODY}`, { check: ctx.check, stdin: curlConfig(a) })
    const state = r.byId.g?.state
    const probe = r.byId.f
    const path = probe ? decode64(probe.path) : a.dest
    const data: Record<string, unknown> = { dest: path, url: a.url, state }
    const plan = planAttrs(a, probe?.exists === '1' ? probe : undefined, quote(path))
    const attrsChanged = plan.commands.length > 0 && state !== 'would'
    if (attrsChanged && !ctx.check) await runSnippet(ctx, plan.commands.map((c) => `${c} || exit 1`).join('\n'))
    if (state === 'present' || state === 'same') {
      if (!attrsChanged) return ok(state === 'same' ? 'file already has the same content' : 'file already exists', data)
      return changed('attributes changed', data, ctx.diff ? [{ path, before: attrText(plan.before), after: attrText(plan.after) }] : undefined)
    }
    if (state === 'would') return changed(`${path} would be downloaded`, data)
    if (state !== 'downloaded') throw new ModuleError('get_url: no result from the host')
    return changed(`OK (${r.byId.g.size} bytes)`, data, ctx.diff ? [{ path, before: '', after: `downloaded from ${a.url}\n` }] : undefined)
  },
})
