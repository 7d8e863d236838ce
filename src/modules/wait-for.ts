// wait_for: a port open/closed, a path present/absent (or holding a regex), within a timeout —
// the polling loop runs on the host, so waiting costs one round trip.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { ok } from './lib/result.js'
import { runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

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
}

const BODY = String.raw`
probe_port() { # exit 0 when a TCP connection to $h:$p succeeds
  if command -v bash >/dev/null 2>&1; then timeout "$ct" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$h" "$p" 2>/dev/null
  else timeout "$ct" nc -z "$h" "$p" 2>/dev/null; fi
}
cond() {
  if [ -n "$p" ]; then probe_port; up=$?
  elif [ -n "$re" ]; then [ -f "$path" ] && grep -Eq -- "$re" "$path"; up=$?
  else [ -e "$path" ]; up=$?; fi
  case "$state" in started|present) [ $up = 0 ] ;; *) [ $up != 0 ] ;; esac
}
start=$(date +%s); [ "$delay" -gt 0 ] && sleep "$delay"
while :; do
  if cond; then printf '__TSPLAY__ id=w elapsed=%s\n' $(( $(date +%s) - start )); exit 0; fi
  [ $(( $(date +%s) - start )) -ge "$to" ] && { printf '__TSPLAY__ id=w timeout=1 elapsed=%s\n' $(( $(date +%s) - start )); exit 0; }
  sleep "$sl"
done
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
      sleep: { type: 'integer', minimum: 1, default: 1 },
      connect_timeout: { type: 'integer', minimum: 1, default: 5 },
      search_regex: { type: 'string' },
      msg: { type: 'string' },
      active_connection_states: {},
      exclude_hosts: {},
    },
  },
  async run(ctx, a) {
    if ((a.port === undefined) === (a.path === undefined)) throw new ModuleError('wait_for: give either port or path')
    if (a.search_regex && a.port !== undefined) throw new ModuleError('wait_for: search_regex is supported with path only')
    const vars = [
      `h=${quote(a.host)}; p=${a.port ?? ''}; path=${quote(a.path ?? '')}; re=${quote(a.search_regex ?? '')}`,
      `state=${a.state}; to=${a.timeout}; delay=${a.delay}; sl=${a.sleep}; ct=${a.connect_timeout}`,
    ].join('\n')
    const started = Date.now()
    const w = (await runSnippet(ctx, `${vars}\n${BODY}`)).byId.w
    if (!w) throw new ModuleError('wait_for: no result from the host')
    const what = a.port !== undefined ? `port ${a.port} on ${a.host}` : `${a.path}${a.search_regex ? ` to contain /${a.search_regex}/` : ''}`
    if (w.timeout) throw new ModuleError(a.msg ?? `Timeout when waiting for ${what} (state=${a.state}, ${a.timeout}s)`)
    return ok(undefined, { elapsed: Number(w.elapsed), state: a.state, port: a.port, path: a.path, wall_ms: Date.now() - started })
  },
})
