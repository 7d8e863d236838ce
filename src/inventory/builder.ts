// `tsplay inventory build IP...`: kubespray's contrib/inventory_builder as a hosts.ini.
// Arguments as kubespray takes them: `IP`, `IP,ACCESS_IP`, `NAME,IP[,ACCESS_IP]`, ranges `IP1-IP2`.
// Generated names are node1..nodeN; the first hosts go to the masters group (2 by default) and to
// etcd (3 when there are at least 3 hosts, else 1: always an odd count), every host to the nodes group.
import { UsageError } from '../errors.js'
import { isIpAddress } from './host-range.js'

export interface BuildOptions {
  /** group naming: kubespray's old names (kube-master, kube-node, k8s-cluster) or its current ones */
  style?: 'legacy' | 'current'
  masters?: number
  prefix?: string
}

interface BuiltHost {
  name: string
  ip: string
  accessIp: string
}

const STYLES = {
  legacy: { masters: 'kube-master', nodes: 'kube-node', cluster: 'k8s-cluster', rr: 'calico-rr' },
  current: { masters: 'kube_control_plane', nodes: 'kube_node', cluster: 'k8s_cluster', rr: 'calico_rr' },
}

function ipv4ToInt(ip: string): number {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new UsageError(`not an IPv4 address: ${ip}`)
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3]
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** range2ips(): `10.0.0.1-10.0.0.3` → three addresses. */
export function expandIpRanges(args: string[]): string[] {
  return args.flatMap((arg) => {
    if (!arg.includes('-') || /^[A-Za-z]/.test(arg)) return [arg]
    const [start, end, ...rest] = arg.split('-')
    if (rest.length) throw new UsageError(`bad address range: ${arg}`, 'write FIRST-LAST, e.g. 10.0.0.1-10.0.0.5')
    const a = ipv4ToInt(start.trim())
    const b = ipv4ToInt(end.trim())
    if (b < a) throw new UsageError(`bad address range: ${arg}`, 'the first address must not be above the last')
    if (b - a > 65535) throw new UsageError(`address range too large: ${arg}`)
    const out: string[] = []
    for (let n = a; n <= b; n++) out.push(intToIpv4(n))
    return out
  })
}

export function buildHosts(args: string[], prefix = 'node'): BuiltHost[] {
  const hosts: BuiltHost[] = []
  let next = 1
  for (const arg of expandIpRanges(args)) {
    const parts = arg.split(',')
    let host: BuiltHost
    if (/^[0-9]/.test(arg)) {
      if (parts.length > 2) throw new UsageError(`bad host argument: ${arg}`, 'use IP or IP,ACCESS_IP')
      const [ip, accessIp = ip] = parts
      host = { name: `${prefix}${next++}`, ip, accessIp }
    } else if (/^[A-Za-z]/.test(arg) && parts.length >= 2 && parts.length <= 3) {
      const [name, ip, accessIp = ip] = parts
      host = { name, ip, accessIp }
    } else {
      throw new UsageError(`bad host argument: ${arg}`, 'use IP, IP,ACCESS_IP or NAME,IP[,ACCESS_IP]')
    }
    if (!isIpAddress(host.ip)) throw new UsageError(`not an IP address: ${host.ip} (in ${arg})`)
    if (hosts.some((h) => h.name === host.name)) continue // kubespray skips existing hosts
    if (hosts.some((h) => h.ip === host.ip)) continue
    hosts.push(host)
  }
  return hosts
}

export function buildInventoryIni(args: string[], options: BuildOptions = {}): string {
  if (!args.length) throw new UsageError('no hosts given', 'tsplay inventory build 10.0.0.1 10.0.0.2 10.0.0.3')
  const g = STYLES[options.style ?? 'legacy']
  const hosts = buildHosts(args, options.prefix)
  const names = hosts.map((h) => h.name)
  const etcdCount = hosts.length >= 3 ? 3 : 1
  const masters = names.slice(0, options.masters ?? 2)
  const width = Math.max(...names.map((n) => n.length))
  const hostLine = (h: BuiltHost): string =>
    `${h.name.padEnd(width)} ansible_host=${h.accessIp} ip=${h.ip}` + (h.accessIp !== h.ip ? ` access_ip=${h.accessIp}` : '')
  const section = (name: string, members: string[]): string => [`[${name}]`, ...members, ''].join('\n')
  return [
    section('all', hosts.map(hostLine)),
    section(g.masters, masters),
    section('etcd', names.slice(0, etcdCount)),
    section(g.nodes, names),
    section(`${g.cluster}:children`, [g.masters, g.nodes]),
    section(g.rr, []),
  ].join('\n')
}
