// group_by: put the host in a group named by `key` (usually templated, e.g. os_{{ ansible_distribution }}).
// Returns Ansible's result shape (add_group, parent_groups); the executor applies it to the inventory
// (dynamic-inventory.ts), so later plays see the new group.
import { defineModule } from './types.js'

export const groupBy = defineModule<{ key: string; parents: string[] }>({
  name: 'group_by',
  local: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['key'],
    properties: {
      key: { type: 'string', pattern: '\\S' },
      parents: { type: 'array', items: { type: 'string' }, default: ['all'] },
    },
  },
  async run(ctx, a) {
    // Ansible replaces characters that are not valid in group names
    const group = a.key.replace(/[^A-Za-z0-9_]/g, '_')
    return { status: 'changed', msg: `${ctx.host} added to group ${group}`, data: { add_group: group, parent_groups: a.parents } }
  },
})
