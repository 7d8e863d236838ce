// uri: an HTTP request from the host (curl); status checked against status_code, JSON bodies parsed.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { curlConfig, httpProps, type HttpArgs } from './lib/curl.js'
import { changed, failed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface UriArgs extends HttpArgs {
  method: string
  body?: unknown
  body_format: 'raw' | 'json' | 'form-urlencoded'
  status_code: number[]
  return_content: boolean
  dest?: string
  creates?: string
  removes?: string
}

const BODY = String.raw`
if [ -n "$creates" ] && [ -e "$creates" ]; then echo '__TSPLAY__ id=u skipped=creates'; exit 0; fi
if [ -n "$removes" ] && [ ! -e "$removes" ]; then echo '__TSPLAY__ id=u skipped=removes'; exit 0; fi
t=$(mktemp -d) || exit 1; trap 'rm -rf -- "$t"' EXIT
code=$(curl -K - -o "$t/body" -D "$t/head" -w '%{http_code} %{content_type} %{url_effective}' 2>"$t/err"); rc=$?
set -- $code
printf '__TSPLAY__ id=u rc=%s status=%s type=%s url=%s err=%s head=%s\n' "$rc" "$1" "$(tp_b64 "$2")" "$(tp_b64 "$3")" "$(base64 -w0 < "$t/err")" "$(base64 -w0 < "$t/head")"
printf '__TSPLAY__ id=b b64='; base64 -w0 < "$t/body"; echo
if [ -n "$dest" ] && [ "$rc" = 0 ]; then cp -- "$t/body" "$dest" || tp_fail "could not write $dest"; fi
`

export const uri = defineModule<UriArgs>({
  name: 'uri',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['url'],
    properties: {
      ...httpProps,
      method: { type: 'string', default: 'GET', pattern: '^[A-Z]+$' },
      body: {},
      body_format: { enum: ['raw', 'json', 'form-urlencoded'], default: 'raw' },
      status_code: { type: 'array', items: { type: 'integer' }, default: [200] },
      return_content: { type: 'boolean', default: false },
      dest: { type: 'string' },
      creates: { type: 'string' },
      removes: { type: 'string' },
      follow_redirects: { enum: ['all', 'safe', 'none', 'yes', 'no', true, false], default: 'safe' },
    },
  },
  async run(ctx, a) {
    const readOnly = a.method === 'GET' || a.method === 'HEAD'
    if (ctx.check && !readOnly) return { status: 'skipped', msg: `check mode: ${a.method} not sent`, data: {} }
    let payload: string | undefined
    const headers = { ...(a.headers ?? {}) }
    if (a.body !== undefined) {
      if (a.body_format === 'json') {
        payload = typeof a.body === 'string' ? a.body : JSON.stringify(a.body)
        headers['Content-Type'] ??= 'application/json'
      } else if (a.body_format === 'form-urlencoded') {
        if (typeof a.body !== 'object' || a.body === null) throw new ModuleError('uri: body_format=form-urlencoded needs a mapping body')
        payload = new URLSearchParams(Object.entries(a.body as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString()
        headers['Content-Type'] ??= 'application/x-www-form-urlencoded'
      } else payload = String(a.body)
    }
    const follow = a.follow_redirects as unknown
    const extra: Record<string, string | true> = { request: a.method }
    if (a.method === 'HEAD') extra.head = true
    // the body travels in the config too (data-raw: a leading @ is not a file name), one stdin for all
    if (payload !== undefined) extra['data-raw'] = payload
    const conf = curlConfig({ ...a, headers, follow_redirects: !(follow === 'none' || follow === 'no' || follow === false) }, extra)
    const vars = `creates=${quote(a.creates ?? '')}; removes=${quote(a.removes ?? '')}; dest=${quote(ctx.check ? '' : a.dest ?? '')}`
    const r = await runSnippet(ctx, `${vars}\n${BODY}`, { stdin: conf })
    const u = r.byId.u
    if (u?.skipped) return ok(`skipped, since ${u.skipped === 'creates' ? a.creates + ' exists' : a.removes + ' does not exist'}`, {})
    if (!u) throw new ModuleError('uri: no result from the host')
    if (u.rc !== '0') throw new ModuleError(`Status code was -1 and not ${JSON.stringify(a.status_code)}: Request failed: ${decode64(u.err).trim()}`)
    const status = Number(u.status)
    const content = decode64(r.byId.b?.b64)
    const contentType = decode64(u.type)
    const data: Record<string, unknown> = { status, url: decode64(u.url), content_type: contentType, msg: `OK (${content.length} bytes)`, ...parseHeaders(decode64(u.head)) }
    if (a.return_content) data.content = content
    if (/json/i.test(contentType)) {
      try {
        data.json = JSON.parse(content)
      } catch {
        /* not JSON after all: content stays available */
      }
    }
    if (!a.status_code.includes(status)) return failed(`Status code was ${status} and not ${JSON.stringify(a.status_code)}`, data)
    return a.dest && !ctx.check ? changed(undefined, data) : ok(undefined, data)
  },
})

/** Response headers, lower-cased with '-' → '_', as Ansible returns them (last response wins). */
function parseHeaders(raw: string): Record<string, string> {
  const out: Record<string, string> = {}
  const blocks = raw.trim().split(/\r?\n\r?\n/)
  for (const line of (blocks[blocks.length - 1] ?? '').split(/\r?\n/).slice(1)) {
    const i = line.indexOf(':')
    if (i > 0) out[line.slice(0, i).trim().toLowerCase().replace(/-/g, '_')] = line.slice(i + 1).trim()
  }
  return out
}
