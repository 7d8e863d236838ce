// The variables a task sees on a host, merged in one documented order (lowest first):
//   role defaults < inventory (all < parent groups < child groups < host) < facts < play vars
//   < vars_files < role vars < block vars < task vars < include_vars < set_fact/register
//   < role params < include params < extra vars (-e)
// then the magic variables (inventory_hostname, groups, hostvars, …) and the loop variable.
import type { Play, Task, Vars } from '../playbook/model.js'
import type { HostState, RunOptions, Scope } from './types.js'

export interface PlayContext {
  play: Play
  options: RunOptions
  hosts: Map<string, HostState>
  /** Every host of the play (ansible_play_hosts_all) and the current batch. */
  playHosts: string[]
  batch: string[]
  varsFiles: Vars
  groups: Record<string, string[]>
  inventoryVars(host: string): Vars
}

export function taskVars(ctx: PlayContext, host: HostState, scope: Scope, task?: Task): Vars {
  const { play, options } = ctx
  const roleDefaults = allRoles(play).map((r) => r.defaults)
  const roleVars = allRoles(play).map((r) => r.vars)
  const vars: Vars = Object.assign(
    {},
    ...roleDefaults,
    scope.role?.defaults,
    ctx.inventoryVars(host.name),
    host.facts,
    play.vars,
    ctx.varsFiles,
    ...roleVars,
    scope.role?.vars,
    ...scope.vars,
    task?.vars,
    host.includedVars,
    host.hostFacts,
    scope.role?.params,
    scope.includeParams,
    options.extraVars,
  )
  return Object.assign(vars, magicVars(ctx, host, scope))
}

function allRoles(play: Play) {
  return play.roles.map((r) => r.role)
}

function magicVars(ctx: PlayContext, host: HostState, scope: Scope): Vars {
  const magic: Vars = {
    inventory_hostname: host.name,
    inventory_hostname_short: host.name.split('.')[0],
    group_names: ctx.options.inventory.groupNames(host.name),
    groups: ctx.groups,
    hostvars: hostvarsProxy(ctx),
    play_hosts: ctx.batch,
    ansible_play_hosts: ctx.batch.filter((h) => !ctx.hosts.get(h)?.failed && !ctx.hosts.get(h)?.unreachable),
    ansible_play_batch: ctx.batch,
    ansible_play_hosts_all: ctx.playHosts,
    ansible_check_mode: ctx.options.check,
    ansible_diff_mode: ctx.options.diff,
    playbook_dir: ctx.play.baseDir,
    ansible_facts: stripPrefix(host.facts),
  }
  if (scope.role) Object.assign(magic, { role_name: scope.role.name, role_path: scope.role.path })
  return magic
}

/** hostvars[h]: another host's inventory vars, facts and set_facts, computed when read. */
function hostvarsProxy(ctx: PlayContext): Vars {
  const cache = new Map<string, Vars>()
  const read = (name: string): Vars | undefined => {
    const host = ctx.hosts.get(name)
    if (!host && !ctx.options.inventory.hostNames().includes(name)) return undefined
    let vars = cache.get(name)
    if (!vars) {
      vars = Object.assign(
        {} as Vars,
        ctx.inventoryVars(name),
        host?.facts,
        ctx.play.vars,
        host?.includedVars,
        host?.hostFacts,
        ctx.options.extraVars,
        { inventory_hostname: name, inventory_hostname_short: name.split('.')[0], group_names: ctx.options.inventory.groupNames(name) },
      )
      cache.set(name, vars!)
    }
    return vars
  }
  const names = () => ctx.options.inventory.hostNames()
  return new Proxy({} as Vars, {
    get: (_t, key) => (typeof key === 'string' ? read(key) : undefined),
    has: (_t, key) => typeof key === 'string' && read(key) !== undefined,
    ownKeys: () => names(),
    getOwnPropertyDescriptor: (_t, key) => {
      const value = typeof key === 'string' ? read(key) : undefined
      return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false }
    },
  })
}

function stripPrefix(facts: Vars): Vars {
  const out: Vars = {}
  for (const [k, v] of Object.entries(facts)) out[k.startsWith('ansible_') ? k.slice(8) : k] = v
  return out
}
