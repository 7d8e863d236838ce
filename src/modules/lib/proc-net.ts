// wait_for state=drained reads the host's /proc/net/tcp and tcp6, as Ansible's Linux strategy does: an
// address there is hex, each 32-bit word in host (little-endian) byte order. These turn addresses into that
// form and build the awk that counts the active connections on a port.
import { isIPv4, isIPv6 } from 'node:net'
import { ModuleError } from '../../errors.js'
import { quote } from '../../util/shell-quote.js'

// Ansible's connection states and their codes in /proc/net/tcp
export const TCP_STATES: Record<string, string> = { ESTABLISHED: '01', SYN_SENT: '02', SYN_RECV: '03', FIN_WAIT1: '04', FIN_WAIT2: '05', TIME_WAIT: '06' }

function ipv6Bytes(ip: string): number[] {
  let text = ip
  const tail: number[] = []
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4) {
    tail.push(...v4[1].split('.').map(Number))
    text = text.slice(0, -v4[1].length) + '0:0' // two placeholder words, replaced below
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined]
  const words = (s: string | undefined) => (s ? s.split(':').filter((w) => w !== '').map((w) => parseInt(w, 16)) : [])
  const h = words(head)
  const r = words(rest)
  const all = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill(0), ...r]
  const bytes = all.flatMap((w) => [w >> 8, w & 0xff])
  if (tail.length) bytes.splice(12, 4, ...tail)
  return bytes
}

/** The /proc/net/tcp* forms of an address: an IPv4 one also as its IPv4-mapped IPv6 form (getaddrinfo's pairs). */
export function procHex(host: string): string[] {
  const word = (b: number[]) => b.slice().reverse().map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()
  const hex = (bytes: number[]) => [0, 4, 8, 12].slice(0, bytes.length / 4).map((i) => word(bytes.slice(i, i + 4))).join('')
  if (host === 'localhost') return [...procHex('127.0.0.1'), ...procHex('::1')]
  if (isIPv4(host)) return [hex(host.split('.').map(Number)), hex(ipv6Bytes(`::ffff:${host}`))]
  if (isIPv6(host)) return [hex(ipv6Bytes(host))]
  throw new ModuleError(`wait_for: state=drained needs host and exclude_hosts as IP addresses (or localhost), got '${host}': tsplay does not resolve names for /proc/net/tcp`)
}

/** sh function `tp_active` printing how many connections on the port are in an active state, per Ansible's rules. */
export function activeConnectionsSh(host: string, port: number, states: string[], exclude: string[]): string {
  const codes = states.map((s) => {
    if (!(s in TCP_STATES)) throw new ModuleError(`unknown active_connection_state (${s}) defined`)
    return TCP_STATES[s]
  })
  const list = (xs: string[]) => quote(` ${xs.join(' ')} `)
  const awk = String.raw`
{ n1 = split($2, l, ":"); split($3, r, ":")
  if (n1 != 2 || l[2] != port || index(states, " " $4 " ") == 0 || index(ex, " " r[1] " ")) next
  all = length(l[1]) == 8 ? "00000000" : "00000000000000000000000000000000"
  if (index(ips, " " l[1] " ") || index(ips, " " all " ") ||
      (substr(l[1], 1, 24) == "0000000000000000FFFF0000" && index(ips, " 0000000000000000FFFF000000000000 "))) n++ }
END { print n + 0 }`
  return `tp_active() { cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v port=${port.toString(16).toUpperCase().padStart(4, '0')} ` +
    `-v states=${list(codes)} -v ips=${list(procHex(host))} -v ex=${list(exclude.flatMap(procHex))} ${quote(awk)}; }`
}
