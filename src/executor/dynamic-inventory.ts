// add_host and group_by change the inventory the rest of the run sees, as Ansible's strategy does with
// their results (add_dynamic_host / add_dynamic_group): the result's `changed` says whether it did.
import type { TaskResult } from '../modules/types.js'
import type { PlayContext } from './types.js'

interface AddedHost {
  host_name: string
  groups?: string[]
  host_vars?: Record<string, unknown>
}

export function applyInventoryChange<R extends TaskResult>(ctx: PlayContext, host: string, result: R): R {
  if (result.status === 'failed' || result.status === 'skipped' || result.status === 'unreachable') return result
  const { add_host: added, add_group: group, parent_groups: parents } = result.data as { add_host?: AddedHost; add_group?: string; parent_groups?: string[] }
  const inventory = ctx.options.inventory
  let changed: boolean
  if (added) changed = inventory.addDynamicHost(added.host_name, added.groups ?? [], added.host_vars ?? {})
  else if (typeof group === 'string') changed = inventory.addDynamicGroup(host, group, parents ?? [])
  else return result
  if (changed) ctx.inventoryChanged()
  return { ...result, status: changed ? 'changed' : 'ok' }
}
