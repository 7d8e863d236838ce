// add_host: a new host (and groups, vars) in the in-memory inventory for the following plays.
// Returns Ansible's result shape; the executor applies `add_host` to the inventory (dynamic-inventory.ts).
import { parseAddress } from '../inventory/host-range.js'
import { changed } from './lib/result.js'
import { defineModule } from './types.js'

export const addHost = defineModule<Record<string, unknown> & { name: string; groups?: string[] }>({
  name: 'add_host',
  local: true,
  bypassHostLoop: true,
  schema: {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', aliases: ['host', 'hostname'], pattern: '^\\S+$' },
      groups: { type: 'array', items: { type: 'string' }, aliases: ['group', 'groupname'] },
    },
  },
  async run(_ctx, a) {
    const { name, groups, ...rest } = a
    // `name: host:port` sets ansible_ssh_port as Ansible's action does (parse_address; unparsable names stay whole)
    const address = parseAddress(name, false)
    const hostName = address?.host ?? name
    const hostVars: Record<string, unknown> = { ...rest }
    if (address?.port !== undefined) hostVars.ansible_ssh_port = address.port
    return changed(`added host ${hostName}`, { add_host: { host_name: hostName, groups: groups ?? [], host_vars: hostVars } })
  },
})
