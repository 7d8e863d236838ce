// Hardware facts from /proc and sysfs: processors (/proc/cpuinfo, counted as ansible-core counts them),
// memory and swap (/proc/meminfo, MiB rounded down), DMI (sysfs; 'NA' where unreadable), uptime, LVM.
import type { Facts } from '../collector.js'
import { content, exists, lines, type Raw } from '../raw.js'

const DMI = '/sys/devices/virtual/dmi/id/'
const DMI_FILES: Record<string, string> = {
  bios_date: 'bios_date', bios_vendor: 'bios_vendor', bios_version: 'bios_version', board_asset_tag: 'board_asset_tag', board_name: 'board_name',
  board_serial: 'board_serial', board_vendor: 'board_vendor', board_version: 'board_version', chassis_asset_tag: 'chassis_asset_tag',
  chassis_serial: 'chassis_serial', chassis_vendor: 'chassis_vendor', chassis_version: 'chassis_version', form_factor: 'chassis_type',
  product_name: 'product_name', product_serial: 'product_serial', product_uuid: 'product_uuid', product_version: 'product_version', system_vendor: 'sys_vendor',
}
const FORM_FACTOR = [
  'Unknown', 'Other', 'Unknown', 'Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower', 'Portable', 'Laptop', 'Notebook', 'Hand Held',
  'Docking Station', 'All In One', 'Sub Notebook', 'Space-saving', 'Lunch Box', 'Main Server Chassis', 'Expansion Chassis', 'Sub Chassis',
  'Bus Expansion Chassis', 'Peripheral Chassis', 'RAID Chassis', 'Rack Mount Chassis', 'Sealed-case PC', 'Multi-system', 'CompactPCI', 'AdvancedTCA',
  'Blade', 'Blade Enclosure', 'Tablet', 'Convertible', 'Detachable', 'IoT Gateway', 'Embedded PC', 'Mini PC', 'Stick PC',
]

const LVM_STEP = `if command -v vgs >/dev/null 2>&1; then
  while read -r k u rest; do [ "$k" = Uid: ] && break; done < /proc/$$/status
  if [ "$u" = 0 ]; then o='--noheadings --nosuffix --units g --separator ,'
    for c in vgs lvs pvs; do echo "#$c"; command -v $c >/dev/null 2>&1 && $c $o 2>/dev/null; done; fi
fi`

export const cpuMemoryProbe = {
  files: ['/proc/cpuinfo', '/proc/meminfo', '/proc/uptime', '/sys/hypervisor/type', '/proc/self/status', ...Object.values(DMI_FILES).map((f) => DMI + f), '/sys/block/dm-*/dm/name'],
  stat: ['/proc/xen', `${DMI}product_name`],
  steps: [['lvm', LVM_STEP]] as Array<[string, string]>,
}

export function cpuFacts(raw: Raw, architecture: string): Facts {
  const xen = exists(raw, '/proc/xen') || lines(raw, '/sys/hypervisor/type')[0]?.trim() === 'xen'
  let xenParavirt = false
  const facts: Facts = {}
  const processor: string[] = []
  let i = 0
  let vendors = 0
  let models = 0
  let processors = 0
  let physid: string | number = 0
  let coreid: string | number = 0
  const sockets = new Map<string | number, number>()
  const cores = new Map<string | number, number>()
  for (const line of lines(raw, '/proc/cpuinfo')) {
    const colon = line.indexOf(':')
    const key = (colon < 0 ? line : line.slice(0, colon)).trim()
    const val = colon < 0 ? '' : line.slice(colon + 1).trim()
    if (xen && key === 'flags' && !val.includes('vme')) xenParavirt = true
    if (['model name', 'Processor', 'vendor_id', 'cpu', 'Vendor', 'processor'].includes(key)) {
      processor.push(val)
      if (key === 'vendor_id') vendors++
      if (key === 'model name') models++
      if (key === 'processor') processors++
      i++
    } else if (key === 'physical id') {
      physid = val
      if (!sockets.has(physid)) sockets.set(physid, 1)
    } else if (key === 'core id') {
      coreid = val
      if (!sockets.has(coreid)) cores.set(coreid, 1) // (sic: ansible-core checks sockets here)
    } else if (key === 'cpu cores') sockets.set(physid, parseInt(val, 10))
    else if (key === 'siblings') cores.set(coreid, parseInt(val, 10))
    else if (key === '# processors') facts.processor_cores = parseInt(val, 10)
    else if (key === 'ncpus active') i = parseInt(val, 10)
  }
  facts.processor = processor
  if (vendors > 0 && vendors === models) i = vendors
  if (/^(armv|aarch|ppc)/.test(architecture)) i = processors
  if (architecture === 's390x') return facts
  if (xenParavirt) return { ...facts, processor_count: i, processor_cores: i, processor_threads_per_core: 1, processor_vcpus: i }
  const count = sockets.size ? sockets.size : i
  const first = [...sockets.values()][0]
  const perSocket = first ? first : 1
  const firstCore = [...cores.values()][0]
  const threads = Math.floor((firstCore ?? 1) / perSocket)
  return {
    ...facts,
    processor_count: count,
    processor_cores: perSocket,
    processor_threads_per_core: threads,
    processor_vcpus: threads * count * perSocket,
    processor_nproc: allowedCpus(raw) ?? processors,
  }
}

/** len(os.sched_getaffinity(0)): the CPUs in Cpus_allowed_list */
function allowedCpus(raw: Raw): number | undefined {
  const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(raw.files.get('/proc/self/status') ?? '')?.[1]
  if (!list) return undefined
  return list.split(',').reduce((n, part) => {
    const [a, b] = part.split('-').map(Number)
    return n + (b === undefined ? 1 : b - a + 1)
  }, 0)
}

export function memoryFacts(raw: Raw): Facts {
  const text = raw.files.get('/proc/meminfo')
  if (text === undefined) return {}
  const facts: Facts = {}
  const stats: Record<string, number> = {}
  for (const line of text.trim().split('\n')) {
    const colon = line.indexOf(':')
    const key = line.slice(0, colon)
    const mb = Math.floor(parseInt(line.slice(colon + 1).trim().split(' ')[0], 10) / 1024)
    if (['MemTotal', 'SwapTotal', 'MemFree', 'SwapFree'].includes(key)) facts[`${key.toLowerCase()}_mb`] = mb
    if (['MemTotal', 'SwapTotal', 'MemFree', 'SwapFree', 'Buffers', 'Cached', 'SwapCached'].includes(key)) stats[key.toLowerCase()] = mb
  }
  const has = (...k: string[]) => k.every((x) => stats[x] !== undefined)
  const nocacheFree = has('cached', 'memfree', 'buffers') ? stats.cached + stats.memfree + stats.buffers : undefined
  const v = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? null : n)
  facts.memory_mb = {
    real: { total: v(stats.memtotal), used: v(has('memtotal', 'memfree') ? stats.memtotal - stats.memfree : undefined), free: v(stats.memfree) },
    nocache: { free: v(nocacheFree), used: v(has('memtotal') && nocacheFree !== undefined ? stats.memtotal - nocacheFree : undefined) },
    swap: { total: v(stats.swaptotal), free: v(stats.swapfree), used: v(has('swaptotal', 'swapfree') ? stats.swaptotal - stats.swapfree : undefined), cached: v(stats.swapcached) },
  }
  return facts
}

export function dmiFacts(raw: Raw): Facts {
  const facts: Facts = {}
  const sysfs = exists(raw, `${DMI}product_name`)
  for (const [key, file] of Object.entries(DMI_FILES)) {
    // without sysfs DMI ansible-core would run dmidecode 18 times; tsplay says 'NA'
    const data = sysfs ? content(raw, DMI + file) : undefined
    if (data === undefined) facts[key] = 'NA'
    else if (key === 'form_factor') facts[key] = FORM_FACTOR[Number(data)] ?? `unknown (${data})`
    else facts[key] = data
  }
  return facts
}

export function uptimeFacts(raw: Raw): Facts {
  const up = content(raw, '/proc/uptime')
  return up ? { uptime_seconds: Math.trunc(parseFloat(up.split(' ')[0])) } : {}
}

export function lvmFacts(raw: Raw): Facts {
  const out = raw.sections.get('lvm') ?? ''
  if (!out.includes('#vgs')) return { lvm: 'N/A' }
  const rows = (name: string) => section(out, name).split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split(','))
  const vgs: Facts = {}
  for (const r of rows('vgs')) vgs[r[0]] = { size_g: r[r.length - 2], free_g: r[r.length - 1], num_lvs: r[2], num_pvs: r[1] }
  const lvs: Facts = {}
  for (const r of rows('lvs')) lvs[r[0]] = { size_g: r[3], vg: r[1] }
  const pvs: Facts = {}
  for (const r of rows('pvs')) pvs[mapperName(raw, r[0])] = { size_g: r[4], free_g: r[5], vg: r[1] }
  return { lvm: { lvs, vgs, pvs } }
}

function section(out: string, name: string): string {
  const start = out.indexOf(`#${name}\n`)
  if (start < 0) return ''
  const rest = out.slice(start + name.length + 2)
  const end = rest.search(/^#\w+$/m)
  return end < 0 ? rest : rest.slice(0, end)
}

/** /dev/dm-N as /dev/mapper/NAME (what dmsetup tells ansible-core) */
function mapperName(raw: Raw, device: string): string {
  const m = /^\/dev\/(dm-\d+)$/.exec(device)
  const name = m ? content(raw, `/sys/block/${m[1]}/dm/name`) : undefined
  return name ? `/dev/mapper/${name}` : device
}
