// network: interfaces, addresses and default routes, as ansible-core builds them — only when the host
// has `ip` (as in ansible-core). One `ip -batch` prints every address and both route lookups; each
// interface's sysfs attributes come from the one `head`. ethtool's features are not gathered.
import { defineCollector, type Facts } from '../collector.js'
import { children, content, exists, type Raw } from '../raw.js'

const N = '/sys/class/net'
const V4 = '8.8.8.8'
const V6 = '2404:6800:400a:800::1012'
// `route get` resolves locally: no packet is sent
const STEP = `command -v ip >/dev/null 2>&1 && ip -force -batch - 2>/dev/null <<'EOF'
addr show
route get ${V4}
route get ${V6}
EOF`
const TYPES: Record<string, string> = { '1': 'ether', '32': 'infiniband', '512': 'ppp', '772': 'loopback', '65534': 'tunnel' }
const ATTRS = ['address', 'mtu', 'operstate', 'type', 'speed', 'flags', 'bridge/bridge_id', 'bridge/stp_state',
  'bonding/slaves', 'bonding/mode', 'bonding/miimon', 'bonding/lacp_rate', 'bonding/primary', 'bonding/all_slaves_active', 'bonding_slave/perm_hwaddr']

export const network = defineCollector({
  name: 'network',
  factIds: ['interfaces', 'default_ipv4', 'default_ipv6', 'all_ipv4_addresses', 'all_ipv6_addresses'],
  requires: ['distribution', 'platform'],
  probe: () => ({
    files: ATTRS.map((a) => `${N}/*/${a}`),
    stat: [`${N}/*`, `${N}/*/bridge`, `${N}/*/brif/*`, `${N}/*/bonding`, `${N}/*/bonding_slave`, `${N}/*/device`, `${N}/*/device/driver/module`],
    bins: ['ip'],
    steps: [['ip', STEP]],
  }),
  collect(raw) {
    if (!raw.bins.has('ip')) return {}
    const out = raw.sections.get('ip') ?? ''
    const v4 = route(out, V4)
    const v6 = route(out, V6)
    const blocks = addrBlocks(out)
    const interfaces: Record<string, Facts> = {}
    const ips = { v4: [] as string[], v6: [] as string[] }
    const order = [...blocks.keys(), ...children(raw, N).filter((d) => !blocks.has(d))]
    for (const device of order) {
      if (!exists(raw, `${N}/${device}`)) continue
      interfaces[device] = sysfs(raw, device)
      const mac = content(raw, `${N}/${device}/address`) ?? ''
      const lines = (blocks.get(device) ?? []).map((l) => l.trim().split(/\s+/))
      const secondary = (w: string[]) => w.includes('secondary') || (w[0] === 'inet6' && w.includes('temporary'))
      const ctx = { device, mac, interfaces, v4, v6, ips }
      for (const words of lines.filter((w) => !secondary(w))) address(words, false, ctx)
      for (const words of lines.filter(secondary)) address(words, true, ctx)
    }
    const facts: Facts = {}
    const named = Object.entries(interfaces).map(([k, v]) => [k.replace(/:/g, '_'), v] as const)
    facts.interfaces = named.map(([k]) => k)
    for (const [k, v] of named) facts[k] = v
    return { ...facts, default_ipv4: v4, default_ipv6: v6, all_ipv4_addresses: ips.v4, all_ipv6_addresses: ips.v6 }
  },
})

/** `ip route get DEST`'s first line: dev, src, via */
function route(out: string, dest: string): Facts {
  const line = out.split('\n').find((l) => l.split(/\s+/)[0] === dest)
  const r: Facts = {}
  if (!line) return r
  const words = line.trim().split(/\s+/)
  for (let i = 0; i < words.length - 1; i++) {
    if (words[i] === 'dev') r.interface = words[i + 1]
    else if (words[i] === 'src') r.address = words[i + 1]
    else if (words[i] === 'via' && words[i + 1] !== dest) r.gateway = words[i + 1]
  }
  return r
}

/** `ip addr show`: each device's inet/inet6 lines */
function addrBlocks(out: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>()
  let current: string[] | undefined
  for (const line of out.split('\n')) {
    const head = /^\d+:\s+([^:@\s]+)(@\S*)?:\s/.exec(line)
    if (head) blocks.set(head[1], (current = []))
    else if (current && /^\s+inet6? /.test(line)) current.push(line)
  }
  return blocks
}

function sysfs(raw: Raw, device: string): Facts {
  const at = (a: string) => `${N}/${device}/${a}`
  const read = (a: string) => content(raw, at(a))
  const i: Facts = { device }
  const mac = read('address')
  if (mac && mac !== '00:00:00:00:00:00') i.macaddress = mac
  if (read('mtu') !== undefined) i.mtu = parseInt(read('mtu')!, 10)
  if (read('operstate') !== undefined) i.active = read('operstate') !== 'down'
  const module = raw.stat.get(at('device/driver/module'))?.target
  if (module) i.module = module.slice(module.lastIndexOf('/') + 1)
  if (read('type') !== undefined) i.type = TYPES[read('type')!] ?? 'unknown'
  if (exists(raw, at('bridge'))) {
    i.type = 'bridge'
    i.interfaces = children(raw, at('brif'))
    if (read('bridge/bridge_id') !== undefined) i.id = read('bridge/bridge_id')
    if (read('bridge/stp_state') !== undefined) i.stp = read('bridge/stp_state') === '1'
  }
  if (exists(raw, at('bonding'))) {
    i.type = 'bonding'
    i.slaves = (read('bonding/slaves') ?? '').split(/\s+/).filter(Boolean)
    i.mode = (read('bonding/mode') ?? '').split(/\s+/)[0]
    i.miimon = (read('bonding/miimon') ?? '').split(/\s+/)[0]
    i.lacp_rate = (read('bonding/lacp_rate') ?? '').split(/\s+/)[0]
    const primary = read('bonding/primary')
    if (primary) {
      i.primary = primary
      if (raw.files.has(at('bonding/all_slaves_active'))) i.all_slaves_active = read('bonding/all_slaves_active') === '1'
    }
  }
  if (exists(raw, at('bonding_slave'))) i.perm_macaddress = read('bonding_slave/perm_hwaddr') ?? ''
  const pci = raw.stat.get(at('device'))?.target
  if (pci) i.pciid = pci.slice(pci.lastIndexOf('/') + 1)
  const speed = read('speed')
  if (speed !== undefined) i.speed = parseInt(speed, 10)
  const flags = read('flags')
  if (flags !== undefined) i.promisc = (parseInt(flags, 16) & 0x100) > 0
  return i
}

interface Ctx {
  device: string
  mac: string
  interfaces: Record<string, Facts>
  v4: Facts
  v6: Facts
  ips: { v4: string[]; v6: string[] }
}

/** One inet/inet6 line, as ansible-core's parse_ip_output takes it (an alias label gets its own entry). */
function address(words: string[], secondary: boolean, { device, mac, interfaces, v4, v6, ips }: Ctx): void {
  if (words[0] === 'inet') {
    let [addr, prefix] = words[1].includes('/') ? words[1].split('/') : [words[1], '32']
    const broadcast = words[1].includes('/') && words.length > 3 && words[2] === 'brd' ? words[3] : ''
    if (prefix === undefined) prefix = '32'
    const mask = Number(prefix) === 0 ? 0 : (0xffffffff << (32 - Number(prefix))) >>> 0
    const netmask = dotted(mask)
    const net = dotted((toInt(addr) & mask) >>> 0)
    const entry = { address: addr, broadcast, netmask, network: net, prefix }
    const label = words[words.length - 1]
    if (label !== device) interfaces[label] = {}
    const target = interfaces[label]
    if (!secondary && !('ipv4' in target)) target.ipv4 = entry
    else ((target.ipv4_secondaries as Facts[] | undefined) ?? (target.ipv4_secondaries = [])).push({ ...entry })
    if (secondary) {
      const own = interfaces[device]
      const list = (own.ipv4_secondaries as Facts[] | undefined) ?? (own.ipv4_secondaries = [])
      if (label !== device) list.push({ ...entry })
    }
    if (v4.address === addr) {
      Object.assign(v4, { broadcast, netmask, network: net, prefix, macaddress: mac, mtu: interfaces[device].mtu, type: interfaces[device].type ?? 'unknown', alias: label })
    }
    if (!addr.startsWith('127.')) ips.v4.push(addr)
  } else if (words[0] === 'inet6') {
    const peer = words[2] === 'peer'
    const addr = peer ? words[1] : words[1].split('/')[0]
    const prefix = peer ? words[3].split('/')[1] : words[1].split('/')[1]
    const scope = peer ? words[5] : words[3]
    const own = interfaces[device]
    ;((own.ipv6 as Facts[] | undefined) ?? (own.ipv6 = [])).push({ address: addr, prefix, scope })
    if (v6.address === addr) Object.assign(v6, { prefix, scope, macaddress: mac, mtu: interfaces[device].mtu, type: interfaces[device].type ?? 'unknown' })
    if (addr !== '::1') ips.v6.push(addr)
  }
}

const toInt = (a: string) => a.split('.').reduce((n, o) => ((n << 8) | Number(o)) >>> 0, 0)
const dotted = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')
