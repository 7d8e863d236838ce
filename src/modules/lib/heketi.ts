// heketi's topology document from inventory vars: one node per host of a group, its devices from
// disk_volume_device_1, disk_volume_device_2, … (kubespray's convention), in numeric order.

export interface TopologyHost {
  name: string
  vars: Record<string, unknown>
}

const DEVICE = /^disk_volume_device_(\d+)$/

export function devicesOf(vars: Record<string, unknown>): string[] {
  return Object.entries(vars)
    .map(([k, v]) => [DEVICE.exec(k)?.[1], v] as const)
    .filter((e): e is readonly [string, string] => e[0] !== undefined && typeof e[1] === 'string' && e[1] !== '')
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map((e) => e[1])
}

/** The address storage traffic uses: `ip`, else `ansible_host`, else the inventory name. */
export function storageAddress(host: TopologyHost): string {
  return String(host.vars.ip ?? host.vars.ansible_host ?? host.name)
}

export function heketiTopology(hosts: TopologyHost[], zone = 1): object {
  const missing = hosts.filter((h) => devicesOf(h.vars).length === 0).map((h) => h.name)
  if (missing.length) throw new Error(`no disk_volume_device_N variable on ${missing.join(', ')}`)
  return {
    clusters: [
      {
        nodes: hosts.map((h) => ({
          node: { hostnames: { manage: [h.name], storage: [storageAddress(h)] }, zone },
          devices: devicesOf(h.vars).map((name) => ({ name, destroydata: false })),
        })),
      },
    ],
  }
}
