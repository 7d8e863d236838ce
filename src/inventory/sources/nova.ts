// Nova: every server of the project from GET /servers/detail, page after page. The `next` link's query
// (marker, limit) is applied to the catalog's compute endpoint rather than followed as given: the link is
// built from the server's own idea of its URL, which behind a proxy may be unreachable, and the token must
// only ever go to the catalog's endpoint.
import { ConfigError } from '../../errors.js'
import { apiMessage, httpJson } from './http.js'
import { authHeaders, type Session } from './keystone.js'

export interface NovaAddress {
  addr: string
  version?: number
  'OS-EXT-IPS:type'?: string
}

export interface NovaServer {
  id: string
  name: string
  status: string
  addresses?: Record<string, NovaAddress[]>
  metadata?: Record<string, unknown>
  flavor?: { id?: string; original_name?: string }
  image?: { id?: string } | string | null
  key_name?: string | null
  accessIPv4?: string
  'OS-EXT-AZ:availability_zone'?: string
  [key: string]: unknown
}

const MAX_PAGES = 10_000

export async function listServers(session: Session, endpoint: string, query: Record<string, string> = {}): Promise<NovaServer[]> {
  const servers: NovaServer[] = []
  const seenMarkers = new Set<string>()
  let params = new URLSearchParams(query)
  for (let page = 0; page < MAX_PAGES; page++) {
    const qs = params.toString()
    const url = `${endpoint}/servers/detail${qs ? `?${qs}` : ''}`
    const res = await httpJson('GET', url, session.http, authHeaders(session))
    if (res.status !== 200) {
      throw new ConfigError(`${session.cloud.origin}: GET ${endpoint}/servers/detail answered ${res.status}: ${apiMessage(res)}`)
    }
    const body = res.json as { servers?: unknown; servers_links?: { rel?: string; href?: string }[] } | undefined
    if (!body || !Array.isArray(body.servers)) throw new ConfigError(`${session.cloud.origin}: ${url} returned no servers list`)
    servers.push(...(body.servers as NovaServer[]))
    const next = body.servers_links?.find((l) => l.rel === 'next')?.href
    if (!next || body.servers.length === 0) return servers
    params = new URL(next, `${endpoint}/`).searchParams
    const marker = params.get('marker') ?? ''
    if (seenMarkers.has(marker)) throw new ConfigError(`${session.cloud.origin}: Nova's pagination repeats marker '${marker}'`)
    seenMarkers.add(marker)
  }
  throw new ConfigError(`${session.cloud.origin}: more than ${MAX_PAGES} pages of servers`)
}

export interface ServerAddresses {
  fixed?: string
  floating?: string
}

/** The first fixed and floating address (IPv4 before IPv6), on `network` only when one is named. */
export function serverAddresses(server: NovaServer, network?: string): ServerAddresses {
  const nets = Object.entries(server.addresses ?? {}).filter(([name]) => network === undefined || name === network)
  const all = nets.flatMap(([, list]) => list ?? [])
  const pick = (type: string): string | undefined => {
    const ofType = all.filter((a) => (a['OS-EXT-IPS:type'] ?? 'fixed') === type)
    return (ofType.find((a) => a.version !== 6) ?? ofType[0])?.addr
  }
  return { fixed: pick('fixed'), floating: pick('floating') }
}
