// devices and device_links: block devices from sysfs (one `head` reads every attribute, one `stat` every
// link), shaped as ansible-core's. Serial numbers come from sysfs (ansible-core asks sg_inq when the host
// has it); `host` names the PCI controller as `lspci -D` does, when the host has lspci.
import type { Facts } from '../collector.js'
import { children, content, type Raw } from '../raw.js'

const B = '/sys/block'
const DISK_ATTRS = ['removable', 'size', 'queue/discard_granularity', 'queue/rotational', 'queue/scheduler', 'queue/logical_block_size', 'queue/hw_sector_size']
const DEVICE_ATTRS = ['vendor', 'model', 'sas_address', 'sas_device_handle', 'serial']
const LINK_DIRS: Record<string, string> = { ids: '/dev/disk/by-id', uuids: '/dev/disk/by-uuid', labels: '/dev/disk/by-label' }

export const devicesProbe = {
  files: [
    ...DISK_ATTRS.map((a) => `${B}/*/${a}`),
    ...DEVICE_ATTRS.map((a) => `${B}/*/device/${a}`),
    `${B}/*/*/start`, `${B}/*/*/size`,
    `${B}/*/holders/dm-*/dm/name`, `${B}/*/*/holders/dm-*/dm/name`,
  ],
  stat: [`${B}/*`, `${B}/*/device`, `${B}/*/holders/*`, `${B}/*/*/holders/*`, `${B}/*/slaves/*`, ...Object.values(LINK_DIRS).map((d) => `${d}/*`)],
  steps: [['lspci', 'command -v lspci >/dev/null 2>&1 && lspci -D 2>/dev/null']] as Array<[string, string]>,
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1)

/** target basename → sorted link names, for one /dev/disk/by-* directory */
function linksIn(raw: Raw, dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const name of children(raw, dir)) {
    const target = raw.stat.get(`${dir}/${name}`)?.target
    if (target !== undefined) (out[base(target)] ??= []).push(name)
  }
  for (const k of Object.keys(out)) out[k].sort()
  return out
}

function masters(raw: Raw): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const device of children(raw, B)) {
    for (const slave of children(raw, `${B}/${device}/slaves`)) (out[slave] ??= []).push(device)
  }
  for (const k of Object.keys(out)) out[k].sort()
  return out
}

function holders(raw: Raw, dir: string): string[] {
  return children(raw, `${dir}/holders`)
    .filter((h) => h.startsWith('dm-'))
    .map((h) => content(raw, `${dir}/holders/${h}/dm/name`) ?? h)
}

/** Python's '%.2f' of size/limit (ties to even, exactly), as bytes_to_human prints sizes */
export function bytesToHuman(size: number): string {
  const units: Array<[string, bigint]> = [['Y', 80n], ['Z', 70n], ['E', 60n], ['P', 50n], ['T', 40n], ['G', 30n], ['M', 20n], ['K', 10n]]
  const n = BigInt(Math.round(size))
  const [suffix, shift] = units.find(([, s]) => n >= 1n << s) ?? ['Bytes', 0n]
  const limit = 1n << shift
  let q = (n * 100n) / limit
  const r = (n * 100n) % limit
  if (2n * r > limit || (2n * r === limit && q % 2n === 1n)) q++
  const text = `${q / 100n}.${String(q % 100n).padStart(2, '0')}`
  return `${text} ${suffix === 'Bytes' ? suffix : `${suffix}B`}`
}

export function deviceFacts(raw: Raw): Facts {
  const links: Record<string, Record<string, string[]>> = {
    ids: linksIn(raw, LINK_DIRS.ids),
    uuids: linksIn(raw, LINK_DIRS.uuids),
    labels: linksIn(raw, LINK_DIRS.labels),
    masters: masters(raw),
  }
  const wwn: Record<string, string> = {}
  for (const name of children(raw, LINK_DIRS.ids)) {
    const target = raw.stat.get(`${LINK_DIRS.ids}/${name}`)?.target
    if (name.startsWith('wwn-') && target !== undefined) wwn[base(target)] = name.slice(4)
  }
  const pci = raw.sections.get('lspci') ?? ''
  const devices: Facts = {}
  for (const block of children(raw, B)) {
    const entry = raw.stat.get(`${B}/${block}`)
    if (!entry) continue
    const linked = entry.type === 'l' && entry.target !== undefined
    const sysdir = linked ? `${B}/${entry.target}` : `${B}/${block}`
    const dir = `${B}/${block}` // the same directory, by the path the probe read
    const d: Facts = { virtual: linked || !raw.stat.has(`${dir}/device`) ? 1 : 0 }
    d.links = Object.fromEntries(Object.entries(links).map(([k, v]) => [k, v[block] ?? []]))
    for (const key of ['vendor', 'model', 'sas_address', 'sas_device_handle']) d[key] = content(raw, `${dir}/device/${key}`) ?? null
    const serial = content(raw, `${dir}/device/serial`)
    if (serial) d.serial = serial
    d.removable = content(raw, `${dir}/removable`) ?? null
    d.support_discard = content(raw, `${dir}/queue/discard_granularity`) ?? null
    if (wwn[block]) d.wwn = wwn[block]
    d.partitions = partitions(raw, block, links)
    d.rotational = content(raw, `${dir}/queue/rotational`) ?? null
    d.scheduler_mode = /.*?(\[(.*)\])/.exec(content(raw, `${dir}/queue/scheduler`) ?? '')?.[2] ?? ''
    d.sectors = content(raw, `${dir}/size`) ?? 0
    d.sectorsize = content(raw, `${dir}/queue/logical_block_size`) ?? content(raw, `${dir}/queue/hw_sector_size`) ?? 512
    d.size = bytesToHuman(Number(d.sectors) * 512)
    d.host = ''
    const pciid = /.+\/([a-f0-9]{4}:[a-f0-9]{2}:[0|1][a-f0-9]\.[0-7])\//.exec(sysdir)?.[1]
    if (pciid && pci) d.host = new RegExp(`^${pciid.replace(/[.]/g, '\\.')}\\s(.*)$`, 'm').exec(pci)?.[1] ?? ''
    d.holders = holders(raw, dir)
    devices[block] = d
  }
  return { device_links: links, devices }
}

function partitions(raw: Raw, disk: string, links: Record<string, Record<string, string[]>>): Facts {
  const out: Facts = {}
  const re = new RegExp(`(${disk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[p]?\\d+)`)
  for (const folder of children(raw, `${B}/${disk}`, 'files')) {
    const m = re.exec(folder)
    if (!m || !raw.files.has(`${B}/${disk}/${folder}/start`)) continue
    const name = m[1]
    const dir = `${B}/${disk}/${name}`
    const sectors = content(raw, `${dir}/size`) ?? 0
    const uuid = Object.entries(links.uuids).find(([target]) => target === name)?.[1][0] ?? null
    out[name] = {
      links: Object.fromEntries(Object.entries(links).map(([k, v]) => [k, v[name] ?? []])),
      start: content(raw, `${dir}/start`) ?? 0,
      sectors,
      sectorsize: 512, // a partition has no queue/: ansible-core's default (an int)
      size: bytesToHuman(Number(sectors) * 512),
      uuid,
      holders: holders(raw, dir),
    }
  }
  return out
}
