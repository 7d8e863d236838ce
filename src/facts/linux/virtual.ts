// virtual: container and hypervisor traces, checked in ansible-core's order (the first found sets type
// and role; every trace adds to the guest/host technology sets). dmidecode is not run: the DMI product
// name it would print is read from sysfs.
import { defineCollector } from '../collector.js'
import { content, exists, lines, type Raw } from '../raw.js'

const DMI = '/sys/devices/virtual/dmi/id/'
const KVM_VENDORS = ['QEMU', 'Amazon EC2', 'DigitalOcean', 'Google', 'Scaleway', 'Nutanix']

class Finder {
  type?: string
  role?: string
  found = false
  readonly guest = new Set<string>()
  readonly host = new Set<string>()

  /** A trace of `tech`; the first one found names the virtualization. */
  saw(tech: string, kind: 'guest' | 'host', type = tech, role: string | undefined = kind): void {
    ;(kind === 'guest' ? this.guest : this.host).add(tech)
    if (this.found) return
    this.type = type
    if (role !== undefined) this.role = role
    this.found = true
  }
}

export const virtual = defineCollector({
  name: 'virtual',
  factIds: ['virtualization_type', 'virtualization_role', 'virtualization_tech_guest', 'virtualization_tech_host'],
  probe: () => ({
    files: ['/proc/1/cgroup', '/proc/1/environ', '/run/systemd/container', '/proc/xen/capabilities', '/proc/self/status', '/proc/cpuinfo', '/proc/modules',
      ...['product_name', 'sys_vendor', 'product_family', 'bios_vendor'].map((f) => DMI + f)],
    stat: ['/proc/vz', '/proc/lve', '/proc/bc', '/.dockerenv', '/.dockerinit', '/proc/xen', '/rhev/', '/dev/kvm'],
    bins: ['dmidecode'],
    // RHEV hosts: a vdsm process
    steps: [['rhev', `[ -d /rhev/ ] && for f in /proc/[0-9]*/comm; do read -r c < "$f" 2>/dev/null && case $c in vdsm|vdsmd) echo vdsm; break;; esac; done`]],
  }),
  collect(raw) {
    const v = new Finder()
    containers(raw, v)
    hypervisors(raw, v)
    cpuAndModules(raw, v)
    if (!v.found) {
      v.type = 'NA'
      v.role = 'NA'
    }
    return {
      virtualization_type: v.type,
      virtualization_role: v.role,
      virtualization_tech_guest: [...v.guest],
      virtualization_tech_host: [...v.host],
    }
  },
})

function containers(raw: Raw, v: Finder): void {
  for (const line of lines(raw, '/proc/1/cgroup')) {
    if (/\/docker(\/|-[0-9a-f]+\.scope)/.test(line)) v.saw('docker', 'guest')
    if (/\/lxc\//.test(line) || /\/machine\.slice\/machine-lxc/.test(line)) v.saw('lxc', 'guest')
    if (/\/system\.slice\/containerd\.service/.test(line)) v.saw('containerd', 'guest')
  }
  for (const entry of (content(raw, '/proc/1/environ') ?? '').split('\0')) {
    if (entry.includes('container=lxc')) v.saw('lxc', 'guest')
    if (entry.includes('container=podman')) v.saw('podman', 'guest')
    if (/^container=./.test(entry)) v.saw('container', 'guest')
  }
  if (exists(raw, '/proc/vz') && !exists(raw, '/proc/lve')) {
    const host = exists(raw, '/proc/bc')
    ;(host ? v.host : v.guest).add('openvz')
    if (!v.found) v.role = host ? 'host' : 'guest'
    v.type = 'openvz' // set whatever was found before (as ansible-core does)
    v.found = true
  }
  const systemd = content(raw, '/run/systemd/container')
  if (systemd) v.saw(systemd, 'guest')
  if (exists(raw, '/.dockerenv') || exists(raw, '/.dockerinit')) v.saw('docker', 'guest')
  if (['docker', 'lxc', 'podman', 'openvz', 'containerd'].some((t) => v.guest.has(t)) || systemd) v.guest.add('container')
  if (exists(raw, '/proc/xen')) {
    const xenHost = lines(raw, '/proc/xen/capabilities').some((l) => l.includes('control_d'))
    if (xenHost) v.host.add('xen') // a Xen guest is named in type and role only
    if (!v.found) {
      v.type = 'xen'
      v.role = xenHost ? 'host' : 'guest'
    }
    v.found = true
  }
}

function hypervisors(raw: Raw, v: Finder): void {
  const dmi = (f: string) => content(raw, DMI + f)
  const roleBefore = v.found ? v.role : 'guest'
  const product = dmi('product_name')
  const vendor = dmi('sys_vendor')
  const family = dmi('product_family')
  const bios = dmi('bios_vendor')
  const checks: Array<[boolean, string]> = [
    [['KVM', 'KVM Server', 'Bochs', 'AHV'].includes(product ?? ''), 'kvm'],
    [vendor === 'oVirt', 'oVirt'],
    [vendor === 'Red Hat' && family === 'RHV', 'RHV'],
    [vendor === 'Red Hat' && family !== 'RHV' && product === 'RHEV Hypervisor', 'RHEV'],
    [['VMware Virtual Platform', 'VMware7,1'].includes(product ?? ''), 'VMware'],
    [['OpenStack Compute', 'OpenStack Nova'].includes(product ?? ''), 'openstack'],
    [bios === 'Xen', 'xen'],
    [bios === 'innotek GmbH', 'virtualbox'],
    [['Amazon EC2', 'DigitalOcean', 'Hetzner'].includes(bios ?? ''), 'kvm'],
    [KVM_VENDORS.includes(vendor ?? ''), 'kvm'],
    [vendor === 'KubeVirt', 'KubeVirt'],
    [vendor === 'Microsoft Corporation', 'VirtualPC'],
    [vendor === 'Parallels Software International Inc.', 'parallels'],
    [vendor === 'OpenStack Foundation', 'openstack'],
  ]
  for (const [hit, tech] of checks) if (hit) v.saw(tech, 'guest', tech, roleBefore)
  // no trace so far: the guest role given in advance is taken back
  if (!v.found) v.role = undefined
  for (const line of lines(raw, '/proc/self/status')) {
    const m = /^VxID:\s+(\d+)/.exec(line)
    if (m) v.saw('linux_vserver', m[1] === '0' ? 'host' : 'guest', 'linux_vserver')
  }
}

function cpuAndModules(raw: Raw, v: Finder): void {
  for (const line of lines(raw, '/proc/cpuinfo')) {
    let tech: string | undefined
    if (/^model name.*QEMU Virtual CPU/.test(line) || /^machine.*CHRP IBM pSeries .emulated by qemu./.test(line)) tech = 'kvm'
    else if (/^vendor_id.*User Mode Linux/.test(line) || /^model name.*UML/.test(line)) tech = 'uml'
    else if (/^vendor_id.*PowerVM Lx86/.test(line)) tech = 'powervm_lx86'
    else if (/^vendor_id.*IBM\/S390/.test(line)) {
      // (ansible-core asks lscpu for the hypervisor's name when the host has it)
      v.guest.add('PR/SM')
      v.saw('ibm_systemz', 'guest', 'ibm_systemz', 'guest')
    }
    if (tech) v.saw(tech, 'guest', tech, 'guest')
  }
  const modules = lines(raw, '/proc/modules').map((l) => l.split(' ')[0])
  if (modules.includes('kvm')) {
    v.host.add('kvm')
    if (!v.found) {
      v.type = raw.sections.get('rhev')?.includes('vdsm') ? 'RHEV' : 'kvm'
      v.role = 'host'
    }
    if (raw.sections.get('rhev')?.includes('vdsm')) v.host.add('RHEV')
    v.found = true
  }
  if (modules.includes('vboxdrv')) v.saw('virtualbox', 'host')
  if (modules.includes('virtio')) v.saw('kvm', 'host', 'kvm', 'guest')
  // `dmidecode -s system-product-name`, when the host has dmidecode: the same DMI field, from sysfs
  const product = raw.bins.has('dmidecode') ? content(raw, `${DMI}product_name`) ?? '' : ''
  if (product.startsWith('VMware')) v.saw('VMware', 'guest')
  if (product.includes('BHYVE')) v.saw('bhyve', 'guest')
  if (exists(raw, '/dev/kvm')) v.saw('kvm', 'host')
}
