// `plugin: openstack`: the project's Nova servers as hosts. ansible_host is the floating address if the
// server has one, else its fixed address (on `network` when given); `ip` is the fixed address, as
// kubespray expects; openstack_* vars describe the server. Groups: see result.ts.
import { CLOUD_OPTIONS, resolveCloud } from './clouds-yaml.js'
import { SourceConfig } from './config.js'
import type { SourceResult } from './types.js'
import { authenticate, endpointFor } from './keystone.js'
import { listServers, serverAddresses, type NovaServer } from './nova.js'
import { GROUPING_OPTIONS, ResultBuilder, groupsFor, readGrouping, userFromMetadata } from './result.js'

const OPTIONS = [...CLOUD_OPTIONS, ...GROUPING_OPTIONS, 'statuses', 'network', 'all_projects', 'page_size'] as const

export async function openstackSource(file: string, config: Record<string, unknown>, env: Record<string, string | undefined> = process.env): Promise<SourceResult> {
  const cfg = new SourceConfig(file, config, OPTIONS)
  const grouping = readGrouping(cfg)
  const statuses = cfg.list('statuses', ['ACTIVE']).map((s) => s.toUpperCase())
  const network = cfg.string('network')
  const query: Record<string, string> = {}
  if (cfg.bool('all_projects', false)) query.all_tenants = '1'
  if (cfg.has('page_size')) query.limit = String(cfg.number('page_size', 0))
  const cloud = resolveCloud(cfg, env)
  const session = await authenticate(cloud, cfg.number('timeout', 30) * 1000)
  const servers = await listServers(session, endpointFor(session, 'compute'), query)

  const out = new ResultBuilder()
  const names = countNames(servers)
  for (const server of servers) {
    if (!statuses.includes('*') && !statuses.includes(String(server.status).toUpperCase())) continue
    // two servers with one name cannot both be that host: both go by their ids, as Ansible's plugin does
    const host = names.get(server.name) === 1 ? server.name : server.id
    const metadata = server.metadata ?? {}
    const { fixed, floating } = serverAddresses(server, network)
    const flavor = server.flavor?.original_name ?? server.flavor?.id
    const az = server['OS-EXT-AZ:availability_zone']
    out.host(host, {
      ...(floating ?? fixed ? { ansible_host: floating ?? fixed } : {}),
      ...(fixed ? { ip: fixed } : {}),
      ...userFromMetadata(metadata),
      openstack_id: server.id,
      openstack_name: server.name,
      openstack_status: server.status,
      openstack_flavor: flavor ?? null,
      openstack_image: typeof server.image === 'object' && server.image ? (server.image.id ?? null) : null,
      openstack_metadata: metadata,
      openstack_availability_zone: az ?? null,
      openstack_addresses: server.addresses ?? {},
      openstack_floating_ip: floating ?? null,
      openstack_access_ip_v4: server.accessIPv4 || null,
      openstack_key_name: server.key_name ?? null,
      openstack_region: cloud.region ?? null,
    })
    for (const group of groupsFor({ name: server.name, metadata, availabilityZone: az, flavor }, grouping)) out.add(group, host)
  }
  return out.build()
}

function countNames(servers: NovaServer[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const s of servers) counts.set(s.name, (counts.get(s.name) ?? 0) + 1)
  return counts
}
