// wait_for: a port open/closed/drained, a path present/absent (or holding a regex), or just a pause — with
// Ansible's arguments, result keys and messages. The polling loop runs on the host, so waiting costs one
// round trip; only search_regex (a Python regex, matched here) costs one more each time the file changes.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { assignPath } from './lib/host-path.js'
import { activeConnectionsSh, TCP_STATES } from './lib/proc-net.js'
import { pyRegExp } from './lib/pyre.js'
import { failed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule, type ModuleContext, type TaskResult } from './types.js'

export interface WaitForArgs {
  host: string
  port?: number
  path?: string
  state: 'started' | 'present' | 'stopped' | 'absent' | 'drained'
  timeout: number
  delay: number
  sleep: number
  connect_timeout: number
  search_regex?: string
  msg?: string
  active_connection_states: string[]
  exclude_hosts?: string[]
}

// $mode: sleep | port | path | drained. The deadline is $left milliseconds from now (date +%s%N), as
// Ansible's is not whole seconds, and counts the delay; a path with a regex ($re) ends the loop when the
// file's cksum differs from $seen, sending the file. A later round ($first empty) sleeps before its check.
const BODY = String.raw`
tp_now() { _t=$(date +%s%N); case $_t in *N) _t=$(( ${'$'}{_t%N} * 1000 ));; *) _t=$(( _t / 1000000 ));; esac; }
probe_port() { # exit 0 when a TCP connection to $h:$p succeeds within $1 seconds
  if command -v bash >/dev/null 2>&1; then timeout "$1" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$h" "$p" 2>/dev/null
  else timeout "$1" nc -z "$h" "$p" 2>/dev/null; fi
}
cond() {
  case $mode in
    drained) [ "$(tp_active)" = 0 ]; return ;;
    port) tp_now; _c=$(( (end - _t + 999) / 1000 )); [ $_c -lt "$ct" ] || _c=$ct; [ $_c -gt 0 ] || _c=1; probe_port $_c; up=$? ;;
    path) if [ -n "$re" ]; then
            [ -f "$path" ] || return 1
            _k=$(cksum < "$path") || return 1
            [ "$_k" != "$seen" ] || return 1
            printf '__TSPLAY__ id=content sum=%s b64=' "$(tp_b64 "$_k")"; base64 -w0 < "$path"; echo; exit 0
          fi
          [ -e "$path" ]; up=$? ;;
  esac
  case $state in started|present) [ $up = 0 ] ;; *) [ $up != 0 ] ;; esac
}
tp_now; end=$(( _t + left ))
[ "$first" = 1 ] || sleep "$sl"
[ "$delay" -gt 0 ] && sleep "$delay"
if [ "$mode" = sleep ]; then sleep "$to"; echo '__TSPLAY__ id=w'; exit 0; fi
while tp_now; [ "$_t" -lt "$end" ]; do
  if cond; then echo '__TSPLAY__ id=w'; exit 0; fi
  sleep "$sl"
done
echo '__TSPLAY__ id=w timeout=1'
`

export const waitFor = defineModule<WaitForArgs>({
  name: 'wait_for',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      host: { type: 'string', default: '127.0.0.1', pattern: '^[A-Za-z0-9_.:-]+$' },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
      path: { type: 'string' },
      state: { enum: ['started', 'present', 'stopped', 'absent', 'drained'], default: 'started' },
      timeout: { type: 'integer', minimum: 0, default: 300 },
      delay: { type: 'integer', minimum: 0, default: 0 },
      sleep: { type: 'integer', minimum: 0, default: 1 },
      connect_timeout: { type: 'integer', minimum: 1, default: 5 },
      search_regex: { type: 'string' },
      msg: { type: 'string' },
      active_connection_states: { type: 'array', items: { type: 'string' }, default: ['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'SYN_RECV', 'SYN_SENT', 'TIME_WAIT'] },
      exclude_hosts: { type: 'array', items: { type: 'string' } },
    },
  },
  async run(ctx, a) {
    const fail = (msg: string) => failed(msg, { elapsed: 0 })
    if (a.port !== undefined && a.path !== undefined) return fail('port and path parameter can not both be passed to wait_for')
    if (a.path !== undefined && (a.state === 'stopped' || a.state === 'drained')) return fail(`state=${a.state} should only be used for checking a port in the wait_for module`)
    if (a.exclude_hosts && a.state !== 'drained') return fail('exclude_hosts should only be with state=drained')
    for (const s of a.active_connection_states) if (!(s in TCP_STATES)) return fail(`unknown active_connection_state (${s}) defined`)
    if (a.state === 'drained' && a.port === undefined) throw new ModuleError('wait_for: state=drained needs port')
    if (a.search_regex !== undefined && a.port !== undefined) throw new ModuleError('wait_for: search_regex is supported with path only (tsplay does not read from the port)')
    // a bytes regex, as Ansible's: the file is matched byte for byte (latin1 keeps one char per byte)
    const re = a.search_regex !== undefined ? pyRegExp(Buffer.from(a.search_regex, 'utf8').toString('latin1'), 'm', 'search_regex') : undefined
    const mode = a.state === 'drained' ? 'drained' : a.port !== undefined ? 'port' : a.path !== undefined ? 'path' : 'sleep'
    const started = Date.now()
    const elapsed = () => Math.floor((Date.now() - started) / 1000)
    const result = (extra: Record<string, unknown> = {}): TaskResult => ok(undefined, {
      state: a.state, port: a.port ?? null, search_regex: a.search_regex ?? null, match_groups: [], match_groupdict: {}, path: a.path ?? null, ...extra, elapsed: elapsed(),
    })
    let seen = ''
    for (let first = true; ; first = false) {
      const left = a.timeout * 1000 - (Date.now() - started) // later rounds: what is left of the timeout
      const w = await poll(ctx, a, mode, { first, seen, timeoutMs: first ? a.timeout * 1000 : Math.max(0, left) })
      if (w.content) {
        seen = w.content.sum
        const m = re?.exec(Buffer.from(w.content.b64, 'base64').toString('latin1'))
        if (m) {
          const text = (g: string | undefined) => (g === undefined ? null : Buffer.from(g, 'latin1').toString('utf8'))
          const dict = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, text(v)]))
          return result({ match_groups: m.slice(1).map(text), match_groupdict: dict })
        }
        if (Date.now() - started < a.timeout * 1000) continue
      } else if (!w.timeout) {
        return result()
      }
      return failed(a.msg ?? timeoutMessage(a), { elapsed: elapsed() })
    }
  },
})

async function poll(ctx: ModuleContext, a: WaitForArgs, mode: string, at: { first: boolean; seen: string; timeoutMs: number }) {
  const vars = [
    `mode=${mode}; h=${quote(a.host)}; p=${a.port ?? ''}; re=${a.search_regex !== undefined && /^(started|present)$/.test(a.state) ? 1 : ''}; seen=${quote(at.seen)}`,
    a.path !== undefined ? assignPath('path', a.path) : 'path=',
    `state=${a.state}; to=${a.timeout}; left=${at.timeoutMs}; delay=${at.first ? a.delay : 0}; sl=${a.sleep}; ct=${a.connect_timeout}; first=${at.first ? 1 : ''}`,
    mode === 'drained' ? activeConnectionsSh(a.host, a.port as number, a.active_connection_states, a.exclude_hosts ?? []) : '',
  ]
  const r = await runSnippet(ctx, `${vars.join('\n')}\n${BODY}`)
  const content = r.byId.content ? { sum: decode64(r.byId.content.sum), b64: r.byId.content.b64 ?? '' } : undefined
  if (!content && !r.byId.w) throw new ModuleError('wait_for: no result from the host')
  return { content, timeout: r.byId.w?.timeout === '1' }
}

function timeoutMessage(a: WaitForArgs): string {
  const where = `${a.host}:${a.port}`
  switch (a.state) {
    case 'stopped':
    case 'absent':
      return a.port !== undefined ? `Timeout when waiting for ${where} to stop.` : `Timeout when waiting for ${a.path} to be absent.`
    case 'drained':
      return `Timeout when waiting for ${where} to drain`
    default:
      if (a.port !== undefined) return `Timeout when waiting for ${where}`
      return a.search_regex !== undefined ? `Timeout when waiting for search string ${a.search_regex} in ${a.path}` : `Timeout when waiting for file ${a.path}`
  }
}
