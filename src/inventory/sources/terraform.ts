// `plugin: terraform`: hosts from a terraform.tfstate (format version 4) made with the openstack provider.
// Each openstack_compute_instance_v2 instance is a host named by its `name`; its floating address comes
// from openstack_compute_floatingip_associate_v2 (by instance_id), openstack_networking_floatingip_associate_v2
// or openstack_networking_floatingip_v2 (by port_id: a port of the instance's network[] or a
// openstack_networking_port_v2 whose device_id is the instance). ansible_host = floating, else
// access_ip_v4, else the fixed address; `ip` = the fixed address (on `network` when given).
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError } from '../../errors.js'
import { SourceConfig } from './config.js'
import type { SourceResult } from './types.js'
import { GROUPING_OPTIONS, ResultBuilder, groupsFor, readGrouping, userFromMetadata } from './result.js'

const OPTIONS = [...GROUPING_OPTIONS, 'state', 'network'] as const

type Attrs = Record<string, unknown>

interface StateResource {
  module?: string
  mode?: string
  type?: string
  name?: string
  instances?: { index_key?: string | number; attributes?: Attrs }[]
}

interface Instance {
  address: string
  attrs: Attrs
}

export async function terraformSource(file: string, config: Record<string, unknown>): Promise<SourceResult> {
  const cfg = new SourceConfig(file, config, OPTIONS)
  const grouping = readGrouping(cfg)
  const network = cfg.string('network')
  let statePath = cfg.path('state', 'terraform.tfstate')!
  try {
    if (statSync(statePath).isDirectory()) statePath = join(statePath, 'terraform.tfstate')
  } catch {
    // reported below with the path that was tried
  }
  const resources = readState(cfg, statePath)
  const of = (type: string): Instance[] =>
    resources
      .filter((r) => r.mode !== 'data' && r.type === type)
      .flatMap((r) => (r.instances ?? []).map((i) => ({ address: addressOf(r, i.index_key), attrs: i.attributes ?? {} })))

  const floating = floatingByInstance(of)
  const out = new ResultBuilder()
  for (const { address, attrs } of of('openstack_compute_instance_v2')) {
    const name = str(attrs.name)
    if (!name) throw new ConfigError(`${address} has no name attribute`, { file: statePath })
    const metadata = (attrs.metadata && typeof attrs.metadata === 'object' ? attrs.metadata : {}) as Record<string, unknown>
    const nets = Array.isArray(attrs.network) ? (attrs.network as Attrs[]) : []
    const net = network === undefined ? nets[0] : nets.find((n) => n.name === network || n.uuid === network)
    const fixed = str(net?.fixed_ip_v4) ?? (network === undefined ? str(attrs.access_ip_v4) : undefined)
    const fip = floating.get(str(attrs.id) ?? '') ?? nets.map((n) => str(n.floating_ip)).find(Boolean)
    const ansibleHost = fip ?? (network === undefined ? str(attrs.access_ip_v4) : undefined) ?? fixed
    out.host(name, {
      ...(ansibleHost ? { ansible_host: ansibleHost } : {}),
      ...(fixed ? { ip: fixed } : {}),
      ...userFromMetadata(metadata),
      openstack_id: attrs.id ?? null,
      openstack_name: name,
      openstack_flavor: str(attrs.flavor_name) ?? str(attrs.flavor_id) ?? null,
      openstack_image: str(attrs.image_name) ?? str(attrs.image_id) ?? null,
      openstack_metadata: metadata,
      openstack_availability_zone: str(attrs.availability_zone) ?? null,
      openstack_floating_ip: fip ?? null,
      openstack_access_ip_v4: str(attrs.access_ip_v4) ?? null,
      openstack_key_name: str(attrs.key_pair) ?? null,
      terraform_resource: address,
    })
    const machine = { name, metadata, availabilityZone: str(attrs.availability_zone), flavor: str(attrs.flavor_name) ?? str(attrs.flavor_id) }
    for (const group of groupsFor(machine, grouping)) out.add(group, name)
  }
  return out.build()
}

function readState(cfg: SourceConfig, path: string): StateResource[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw cfg.error('state', `cannot read the terraform state ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'set state: to the terraform.tfstate (or its directory)')
  }
  let doc: { version?: unknown; resources?: unknown }
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new ConfigError(`not a terraform state (invalid JSON: ${(e as Error).message})`, { file: path })
  }
  if (doc.version !== 4) {
    throw new ConfigError(`terraform state format version ${JSON.stringify(doc.version)} is not supported`, { file: path }, 'tsplay reads version 4 (terraform ≥ 0.12); run terraform apply or terraform state pull with a current terraform')
  }
  if (!Array.isArray(doc.resources)) throw new ConfigError('terraform state has no resources list', { file: path })
  return doc.resources as StateResource[]
}

/** Instance id → floating address, from the three resources that associate one. */
function floatingByInstance(of: (type: string) => Instance[]): Map<string, string> {
  const byInstance = new Map<string, string>()
  const portToInstance = new Map<string, string>()
  for (const { attrs } of of('openstack_compute_instance_v2')) {
    for (const n of Array.isArray(attrs.network) ? (attrs.network as Attrs[]) : []) {
      if (str(n.port) && str(attrs.id)) portToInstance.set(str(n.port)!, str(attrs.id)!)
    }
  }
  for (const { attrs } of of('openstack_networking_port_v2')) {
    if (str(attrs.id) && str(attrs.device_id)) portToInstance.set(str(attrs.id)!, str(attrs.device_id)!)
  }
  for (const { attrs } of of('openstack_networking_floatingip_v2')) {
    const instance = portToInstance.get(str(attrs.port_id) ?? '')
    if (instance && str(attrs.address)) byInstance.set(instance, str(attrs.address)!)
  }
  for (const { attrs } of of('openstack_networking_floatingip_associate_v2')) {
    const instance = portToInstance.get(str(attrs.port_id) ?? '')
    if (instance && str(attrs.floating_ip)) byInstance.set(instance, str(attrs.floating_ip)!)
  }
  for (const { attrs } of of('openstack_compute_floatingip_associate_v2')) {
    if (str(attrs.instance_id) && str(attrs.floating_ip)) byInstance.set(str(attrs.instance_id)!, str(attrs.floating_ip)!)
  }
  return byInstance
}

/** `module.compute.openstack_compute_instance_v2.k8s_master[0]`, as terraform names it. */
function addressOf(r: StateResource, key: string | number | undefined): string {
  const index = key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`
  return `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${index}`
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}
