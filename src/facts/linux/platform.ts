// platform: what uname tells (read from /proc/sys/kernel, no process), the host's names and machine-id.
// fqdn is Python's socket.getfqdn() answered from /etc/hosts (no DNS query): the first line naming the
// host gives an address, the first line of that address gives the names, the first one with a dot wins.
import { defineCollector } from '../collector.js'
import { content, lines, type Raw } from '../raw.js'
import { PYTHON_STEP, pythonVersion } from './python.js'

const K = '/proc/sys/kernel/'

export const platform = defineCollector({
  name: 'platform',
  factIds: ['system', 'kernel', 'kernel_version', 'machine', 'python_version', 'architecture', 'machine_id'],
  probe: () => ({
    files: [`${K}ostype`, `${K}osrelease`, `${K}version`, `${K}hostname`, `${K}arch`, '/etc/hosts', '/proc/self/maps', '/var/lib/dbus/machine-id', '/etc/machine-id'],
    // /proc/sys/kernel/arch is recent (Linux 6.1): older kernels answer with uname
    steps: [['uname-m', `[ -r ${K}arch ] || uname -m`], PYTHON_STEP],
  }),
  collect(raw) {
    const node = content(raw, `${K}hostname`) ?? ''
    const machine = content(raw, `${K}arch`) ?? raw.sections.get('uname-m')?.trim() ?? ''
    const fqdn = getfqdn(node, raw.files.get('/etc/hosts') ?? '')
    const bits = userspaceBits(raw)
    const facts: Record<string, unknown> = {
      system: content(raw, `${K}ostype`) ?? 'Linux',
      kernel: content(raw, `${K}osrelease`) ?? '',
      kernel_version: content(raw, `${K}version`) ?? '',
      machine,
      fqdn,
      hostname: node.split('.')[0],
      nodename: node,
      domain: fqdn.split('.').slice(1).join('.'),
      userspace_bits: bits,
    }
    if (machine === 'x86_64' || /i([3456]86|86pc)/.test(machine)) {
      facts.architecture = machine === 'x86_64' ? machine : 'i386'
      if (bits === '64') facts.userspace_architecture = 'x86_64'
      else if (bits === '32') facts.userspace_architecture = 'i386'
    } else facts.architecture = machine
    const id = content(raw, '/var/lib/dbus/machine-id') ?? content(raw, '/etc/machine-id')
    if (id) facts.machine_id = id.split('\n')[0]
    const pv = pythonVersion(raw)
    if (pv) facts.python_version = pv
    return facts
  },
})

/** The bits of the host's userland: those of the process that read the files (addresses past 32 bits). */
function userspaceBits(raw: Raw): string {
  const maps = lines(raw, '/proc/self/maps')
  if (!maps.length) return '64'
  return maps.some((l) => /^[0-9a-f]{9,}-/.test(l)) ? '64' : '32'
}

export function getfqdn(node: string, hosts: string): string {
  if (!node) return node
  const entries = hosts
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim().split(/\s+/))
    .filter((w) => w.length >= 2)
  const lower = node.toLowerCase()
  const byName = entries.find((w) => w.slice(1).some((n) => n.toLowerCase() === lower))
  if (!byName) return node
  const byAddress = entries.find((w) => w[0] === byName[0])!
  const names = byAddress.slice(1)
  return names.find((n) => n.includes('.')) ?? names[0]
}
