// The lab's network: one bridge with a private /24, one network namespace + veth per host.
// No forwarding, no NAT and no default route in the hosts: nothing leaves the bridge.
import { existsSync, writeFileSync } from 'node:fs'
import { LabError } from '../errors.js'
import { exec, tryExec } from './exec.js'
import { bridgeIp } from './paths.js'
import type { HostState } from './state.js'

interface Route {
  dst: string
}

/** Third octets X of 10.213.X.0/24 that overlap any route of this machine, in any table. */
export async function subnetsInUse(): Promise<Set<number>> {
  const { stdout } = await exec('ip', ['-4', '-j', 'route', 'show', 'table', 'all'])
  const used = new Set<number>()
  for (const route of JSON.parse(stdout || '[]') as Route[]) {
    if (route.dst === 'default') continue
    for (let x = 0; x < 256; x++) if (overlaps(route.dst, x)) used.add(x)
  }
  return used
}

/** Does the prefix `a.b.c.d[/len]` overlap 10.213.x.0/24? */
export function overlaps(prefix: string, x: number): boolean {
  const [addr, lenText] = prefix.split('/')
  const octets = addr.split('.').map(Number)
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o))) return false
  const len = lenText === undefined ? 32 : Number(lenText)
  const common = Math.min(len, 24)
  const toInt = (o: number[]) => ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0
  const mask = common === 0 ? 0 : (~0 << (32 - common)) >>> 0
  return ((toInt(octets) & mask) >>> 0) === ((toInt([10, 213, x, 0]) & mask) >>> 0)
}

export function pickSubnet(used: Set<number>): number {
  for (let x = 1; x < 255; x++) if (!used.has(x)) return x
  throw new LabError('no free 10.213.X.0/24 subnet left for a lab', 'remove labs with `tsplay lab down --name NAME`')
}

/**
 * Refuses to probe `ip` unless the kernel routes it through the lab's bridge: with the bridge gone
 * (a reboot, a manual `ip link del`) the default route would carry the packets off the machine.
 */
export async function assertRoutedToBridge(ip: string, bridge: string): Promise<void> {
  const { stdout } = await exec('ip', ['-j', 'route', 'get', ip])
  const dev = (JSON.parse(stdout || '[]') as Array<{ dev?: string }>)[0]?.dev
  if (dev !== bridge) {
    throw new LabError(`lab bridge ${bridge} is gone: ${ip} would be routed via ${dev ?? 'nothing'}`, 'run `tsplay lab up` again to rebuild the lab')
  }
}

export async function linkExists(name: string): Promise<boolean> {
  return existsSync(`/sys/class/net/${name}`)
}

export async function createBridge(bridge: string, subnet: number): Promise<void> {
  await exec('ip', ['link', 'add', bridge, 'type', 'bridge'])
  quietIpv6(bridge)
  await exec('ip', ['addr', 'add', `${bridgeIp(subnet)}/24`, 'dev', bridge])
  await exec('ip', ['link', 'set', bridge, 'up'])
}

export async function deleteBridge(bridge: string): Promise<void> {
  if (await linkExists(bridge)) await tryExec('ip', ['link', 'del', bridge])
}

/** Namespaces and veths for many hosts: one `ip -batch` for the root namespace, one per host inside. */
export async function addHostNetworks(bridge: string, hosts: HostState[]): Promise<void> {
  if (hosts.length === 0) return
  const root = hosts.flatMap((h) => [
    `netns add ${h.netns}`,
    `link add ${h.veth} type veth peer name eth0 netns ${h.netns}`,
    `link set ${h.veth} master ${bridge} up`,
  ])
  await exec('ip', ['-batch', '-'], root.join('\n') + '\n')
  for (const h of hosts) quietIpv6(h.veth)
  await Promise.all(
    hosts.map((h) =>
      exec('ip', ['-n', h.netns, '-batch', '-'], [`addr add ${h.ip}/24 dev eth0`, 'link set eth0 up', 'link set lo up'].join('\n') + '\n'),
    ),
  )
}

export async function netnsExists(netns: string): Promise<boolean> {
  return existsSync(`/run/netns/${netns}`)
}

/** Deleting a namespace also deletes its veth pair. Missing ones are fine (teardown is repeatable). */
export async function removeHostNetworks(hosts: HostState[]): Promise<void> {
  const present = []
  for (const h of hosts) if (await netnsExists(h.netns)) present.push(h)
  if (present.length === 0) return
  await tryExec('ip', ['-force', '-batch', '-'], present.map((h) => `netns del ${h.netns}`).join('\n') + '\n')
  for (const h of present) if (await linkExists(h.veth)) await tryExec('ip', ['link', 'del', h.veth])
}

/** Pids of every process inside a network namespace. */
export async function netnsPids(netns: string): Promise<number[]> {
  if (!(await netnsExists(netns))) return []
  try {
    const { stdout } = await exec('ip', ['netns', 'pids', netns])
    return stdout.split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}

/** Cut: the host-side end goes down, so packets to and from the host vanish (timeouts, not resets). */
export async function setLinkUp(veth: string, up: boolean): Promise<void> {
  await exec('ip', ['link', 'set', veth, up ? 'up' : 'down'])
}

// No router solicitations or DAD chatter from the machine's side of the lab.
function quietIpv6(dev: string): void {
  const knob = `/proc/sys/net/ipv6/conf/${dev}/disable_ipv6`
  try {
    if (existsSync(knob)) writeFileSync(knob, '1')
  } catch {
    /* IPv6 disabled on this kernel */
  }
}
