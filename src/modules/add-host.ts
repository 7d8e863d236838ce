// add_host: a new host (and groups, vars) in the in-memory inventory for the following plays.
// Returns Ansible's result shape; the executor applies `add_host` to the inventory (dynamic-inventory.ts).
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
    // `name: host:port` sets ansible_port like Ansible does
    const m = /^(.*):(\d+)$/.exec(name)
    const hostName = m && !name.includes('::') ? m[1] : name
    const hostVars: Record<string, unknown> = { ...rest }
    if (m && !name.includes('::')) hostVars.ansible_port = Number(m[2])
    return changed(`added host ${hostName}`, { add_host: { host_name: hostName, groups: groups ?? [], host_vars: hostVars } })
  },
})
