// `plugin: heat`: hosts from a Heat stack's outputs (GET /stacks/NAME/ID → stack.outputs). The plugin file
// maps groups to output keys; an output lists its hosts as
//   a list of addresses         ["10.0.0.5", …]              → host named by the address
//   a mapping name → address    {"master-0": "10.0.0.5", …}  → host master-0, ansible_host 10.0.0.5
//   a mapping name → vars       {"master-0": {"ansible_host": …, "ip": …}}
//   a list of {name, …vars}     [{"name": "master-0", "ansible_host": …}]
// and `vars` maps variable names (set on group all) to output keys.
import { ConfigError } from '../../errors.js'
import { CLOUD_OPTIONS, resolveCloud } from './clouds-yaml.js'
import { SourceConfig, describe } from './config.js'
import { apiMessage, httpJson } from './http.js'
import type { SourceResult } from './types.js'
import { authHeaders, authenticate, endpointFor, type Session } from './keystone.js'
import { ResultBuilder } from './result.js'

const OPTIONS = [...CLOUD_OPTIONS, 'stack', 'stack_id', 'groups', 'vars'] as const

interface StackOutput {
  output_key: string
  output_value?: unknown
  output_error?: string | null
}

export async function heatSource(file: string, config: Record<string, unknown>, env: Record<string, string | undefined> = process.env): Promise<SourceResult> {
  const cfg = new SourceConfig(file, config, OPTIONS)
  const stack = cfg.string('stack')
  if (!stack) throw cfg.error(undefined, 'plugin heat needs stack: NAME', 'add stack: NAME (and optionally stack_id: ID)')
  const groups = Object.entries(cfg.mapping('groups')).map(([group, key]) => {
    if (typeof key !== 'string') throw cfg.error(`groups.${group}`, `groups.${group} must name a stack output, got ${describe(key)}`)
    return [group, key] as const
  })
  const vars = Object.entries(cfg.mapping('vars')).map(([name, key]) => {
    if (typeof key !== 'string') throw cfg.error(`vars.${name}`, `vars.${name} must name a stack output, got ${describe(key)}`)
    return [name, key] as const
  })
  if (!groups.length) throw cfg.error('groups', 'plugin heat needs groups: {GROUP: OUTPUT_KEY, …}')

  const session = await authenticate(resolveCloud(cfg, env), cfg.number('timeout', 30) * 1000)
  const outputs = await stackOutputs(session, endpointFor(session, 'orchestration'), stack, cfg.string('stack_id'))
  const value = (key: string, option: string): unknown => {
    const o = outputs.find((x) => x.output_key === key)
    if (!o) throw cfg.error(option, `stack '${stack}' has no output '${key}'`, `outputs: ${outputs.map((x) => x.output_key).join(', ') || 'none'}`)
    if (o.output_error) throw cfg.error(option, `stack '${stack}' output '${key}' failed: ${o.output_error}`)
    return o.output_value
  }

  const out = new ResultBuilder()
  for (const [group, key] of groups) {
    out.add(group)
    for (const [host, hostVars] of hostsOf(value(key, `groups.${group}`), `groups.${group}`, key, cfg)) {
      out.host(host, hostVars)
      out.add(group, host)
    }
  }
  const allVars = Object.fromEntries(vars.map(([name, key]) => [name, value(key, `vars.${name}`)]))
  if (vars.length) out.groupVars('all', allVars)
  return out.build()
}

async function stackOutputs(session: Session, endpoint: string, stack: string, id: string | undefined): Promise<StackOutput[]> {
  const origin = session.cloud.origin
  let stackId = id
  if (!stackId) {
    // GET /stacks/NAME answers 302 to /stacks/NAME/ID: only the ID is taken from the Location
    const res = await httpJson('GET', `${endpoint}/stacks/${encodeURIComponent(stack)}`, session.http, authHeaders(session))
    const location = res.headers.location
    if (res.status === 404) throw new ConfigError(`${origin}: no stack '${stack}'`)
    if (res.status < 300 || res.status > 399 || !location) throw new ConfigError(`${origin}: looking up stack '${stack}' answered ${res.status}: ${apiMessage(res)}`)
    stackId = decodeURIComponent(new URL(location, `${endpoint}/`).pathname.split('/').filter(Boolean).pop() ?? '')
  }
  const url = `${endpoint}/stacks/${encodeURIComponent(stack)}/${encodeURIComponent(stackId)}`
  const res = await httpJson('GET', url, session.http, authHeaders(session))
  if (res.status === 404) throw new ConfigError(`${origin}: no stack '${stack}' with id ${stackId}`)
  if (res.status !== 200) throw new ConfigError(`${origin}: GET ${url} answered ${res.status}: ${apiMessage(res)}`)
  const outputs = (res.json as { stack?: { outputs?: unknown } } | undefined)?.stack?.outputs
  if (!Array.isArray(outputs)) throw new ConfigError(`${origin}: stack '${stack}' has no outputs list`)
  return outputs as StackOutput[]
}

function hostsOf(value: unknown, option: string, key: string, cfg: SourceConfig): [string, Record<string, unknown>][] {
  const bad = (): ConfigError => cfg.error(option, `${option}: output '${key}': expected a list of addresses, a mapping of names to addresses or vars, or a list of {name, …}; got ${describe(value)}`)
  if (Array.isArray(value)) {
    return value.map((item): [string, Record<string, unknown>] => {
      if (typeof item === 'string') return [item, { ansible_host: item }]
      if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') {
        const { name, ...vars } = item as Record<string, unknown>
        return [name as string, vars]
      }
      throw bad()
    })
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([name, v]): [string, Record<string, unknown>] => {
      if (typeof v === 'string') return [name, { ansible_host: v }]
      if (v && typeof v === 'object' && !Array.isArray(v)) return [name, v as Record<string, unknown>]
      throw bad()
    })
  }
  throw bad()
}
