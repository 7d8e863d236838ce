// Network filters as ansible.utils implements them over netaddr: ipaddr ipv4 ipv6 ipwrap (and their
// ansible.utils./ansible.netcommon. names), with the queries kubespray and common roles use.
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { str, typeName } from '../py.js'
import { IPNetwork, parseNetwork } from './netaddr.js'

type Q = string

function contains(net: IPNetwork, v: IPNetwork): boolean {
  if (net.version !== v.version) return false
  const lo = net.network
  const hi = lo + net.size - 1n
  const vlo = v.network
  const vhi = vlo + v.size - 1n
  return vlo >= lo && vhi <= hi
}

function queryFn(q: Q, v: IPNetwork, vtype: string, value: string): unknown {
  const size = v.size
  const ipIsNet = v.value === v.network
  switch (q) {
    case '': return vtype === 'address' ? v.ip : v.toString()
    case 'address': case 'ip':
      if (size === 1n) return v.ip
      if (!ipIsNet || v.broadcast === undefined) return v.ip
      if (v.version === 6 && ipIsNet) return v.ip
      return null
    case 'net': return size > 1n && ipIsNet ? `${v.addr(v.network)}/${v.prefixlen}` : null
    case 'prefix': return v.prefixlen
    case 'netmask': return v.addr(v.netmaskInt)
    case 'hostmask': case 'wildcard': return v.addr(((1n << BigInt(v.width)) - 1n) ^ v.netmaskInt)
    case 'network': case 'network_id': return v.addr(v.network)
    case 'broadcast': return size > 2n && v.broadcast !== undefined ? v.addr(v.broadcast) : null
    case 'subnet': case 'network/prefix': return `${v.addr(v.network)}/${v.prefixlen}`
    case 'cidr': return v.toString()
    case 'size': return Number(size)
    case 'version': return v.version
    case 'type': return size === 1n || !ipIsNet ? 'address' : 'network'
    case 'host':
      if (size === 1n) return v.toString()
      return !ipIsNet || v.broadcast === undefined ? v.toString() : null
    case 'ip/prefix':
      if (size === 2n) return v.toString()
      return size > 1n && !ipIsNet ? v.toString() : null
    case 'address/prefix': case 'gateway': case 'gw': case 'host/prefix': case 'hostnet': case 'router':
      if (size > 2n && (v.value === v.network || v.value === v.broadcast)) return false
      return v.toString()
    case 'first_usable':
      if (vtype === 'address') throw filterError('Not a network address')
      return size === 2n ? v.addr(v.network) : size > 1n ? v.addr(v.network + 1n) : null
    case 'last_usable':
      if (vtype === 'address') throw filterError('Not a network address')
      return size > 1n ? v.addr(v.network + size - (size === 2n ? 1n : 2n)) : null
    case 'int': return vtype === 'address' ? Number(v.value) : `${v.value}/${v.prefixlen}`
    case 'wrap':
      if (v.version === 6) return vtype === 'address' ? `[${v.ip}]` : `[${v.ip}]/${v.prefixlen}`
      return value
    case 'ipv4': case 'v4':
      if (v.version === 6) {
        if (v.value >> 32n === 0xffffn || v.value >> 32n === 0n) return new IPNetwork(4, v.value & 0xffffffffn, Math.max(0, v.prefixlen - 96)).toString()
        return false
      }
      return value
    case 'ipv6': case 'v6':
      if (v.version === 4) return new IPNetwork(6, 0xffff00000000n | v.value, v.prefixlen + 96).toString()
      return value
    case 'private': return isPrivate(v) ? value : null
    case 'public': return !isPrivate(v) && !isLoopback(v) ? value : null
    case 'loopback': case 'lo': return isLoopback(v) ? value : null
    case 'bool': return true
    case 'range_usable': {
      if (vtype === 'address') throw filterError('Not a network address')
      if (size <= 1n) return null
      const first = size === 2n ? v.network : v.network + 1n
      const last = v.network + size - (size === 2n ? 1n : 2n)
      return `${v.addr(first)}-${v.addr(last)}`
    }
  }
  return undefined
}

function isPrivate(v: IPNetwork): boolean {
  const nets = v.version === 4 ? ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '192.0.0.0/24', '198.18.0.0/15', '239.0.0.0/8'] : ['fc00::/7', 'fe80::/10']
  return nets.some((n) => contains(parseNetwork(n)!, v))
}
function isLoopback(v: IPNetwork): boolean {
  return contains(parseNetwork(v.version === 4 ? '127.0.0.0/8' : '::1/128')!, v)
}

export function ipaddr(value: unknown, query: unknown = '', version: 0 | 4 | 6 = 0, alias = 'ipaddr'): unknown {
  const q = query === null || query === undefined ? '' : str(query)
  if (Array.isArray(value)) return value.map((el) => ipaddr(el, q, version, alias)).filter((x) => x !== false && x !== null && x !== '' && x !== 0)
  if (!value || value === true) return false
  let v: IPNetwork | undefined
  let vtype: string
  let text = str(value)
  if (/^\d+$/.test(text)) {
    const n = BigInt(text)
    if (version !== 6 && n < 1n << 32n) v = new IPNetwork(4, n, 32)
    else if (n < 1n << 128n) v = new IPNetwork(6, n, 128)
    else return false
    text = v.ip + (v.version === 4 ? '/32' : '/128')
    text = v.toString()
    vtype = 'address'
  } else {
    v = parseNetwork(text)
    if (!v) return false
    vtype = text.includes('/') ? 'network' : 'address'
  }
  if (version && v.version !== version) return false
  let lookup: IPNetwork | undefined
  if (q && !/^\d+$/.test(q) && queryFn(q, v, vtype, text) === undefined) {
    const net = parseNetwork(q)
    if (net && q.includes('/') || (net && q !== '')) lookup = net
  }
  if (lookup) return contains(lookup, v) ? text : null
  const r = queryFn(q, v, vtype, text)
  if (r !== undefined) return r === null ? null : r
  if (/^-?\d+(\.\d+)?$/.test(q)) {
    if (v.size === 1n) return vtype === 'address' ? v.ip : v.toString()
    const nth = v.nth(BigInt(Math.trunc(Number(q))))
    return nth === undefined ? false : `${v.addr(nth)}/${v.prefixlen}`
  }
  throw filterError(`${alias}: unknown filter type: ${q}`)
}

function checkType(value: unknown, filter: string, allowBool = false): void {
  if (typeof value === 'string' || Array.isArray(value) || (typeof value === 'number' && Number.isInteger(value)) || (allowBool && typeof value === 'boolean')) return
  throw filterError(`Unrecognized type <<class '${typeName(value)}'>> for ${filter} filter <value>`)
}

export function ipwrap(value: unknown, query: unknown = ''): unknown {
  try {
    if (Array.isArray(value)) return value.map((el) => (ipaddr(el, query, 0, 'ipwrap') ? ipaddr(el, 'wrap') : el))
    const r = ipaddr(value, query, 0, 'ipwrap')
    return r ? ipaddr(r, 'wrap') : value
  } catch {
    return value
  }
}

const filterDefs = {
  ipaddr: ['query,version,alias', (_rt: unknown, v: unknown, q = '', version = 0) => (checkType(v, 'ipaddr'), ipaddr(v, q, Number(version) as 0, 'ipaddr'))],
  ipv4: ['query', (_rt: unknown, v: unknown, q = '') => (checkType(v, 'ipv4'), ipaddr(v, q, 4, 'ipv4'))],
  ipv6: ['query', (_rt: unknown, v: unknown, q = '') => (checkType(v, 'ipv6'), ipaddr(v, q, 6, 'ipv6'))],
  ipwrap: ['query', (_rt: unknown, v: unknown, q = '') => (checkType(v, 'ipwrap', true), ipwrap(v, q))],
} as const

defineFilters(filterDefs as unknown as Parameters<typeof defineFilters>[0])
