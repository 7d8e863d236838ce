// The variables a task sees on a host; the order of the layers is src/playbook/scope.ts's PRECEDENCE.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { loadFacts } from '../facts/cache.js'
import type { Play, Vars } from '../playbook/model.js'
import { taskScope } from '../playbook/scope.js'
import { markScope } from '../template/index.js'
import { hostStateVersion } from './settle.js'
import type { HostState, PlayContext, Scope } from './types.js'

/** `scope` already holds the task's own keywords (extendScope(scope, task)). */
export function taskVars(ctx: PlayContext, host: HostState, scope: Scope, loopVars?: Vars): Vars {
  const { play, options } = ctx
  const roles = allRoles(play)
  return taskScope({
    roleDefaults: [...roles.map((r) => r.defaults), scope.role?.defaults ?? {}],
    inventory: ctx.inventoryVars(host.name),
    facts: host.facts,
    playVars: play.vars,
    varsFiles: ctx.varsFiles,
    roleVars: [...roles.map((r) => r.vars), scope.role?.vars ?? {}],
    blockVars: scope.vars,
    includeVars: host.includedVars,
    hostFacts: host.hostFacts,
    roleParams: scope.role?.params,
    includeParams: scope.includeParams,
    extraVars: options.extraVars,
    magic: magicVars(ctx, host, scope),
    loopVars,
  })
}

/** The roles whose vars and defaults every task of the play sees: `roles:`, import_role's, public include_role's. */
function allRoles(play: Play) {
  return [...play.roles.map((r) => r.role), ...play.publicRoles]
}

// The batch's and the play's active hosts, shared by every host's vars until a host's state changes: built
// per host and task they were 2 × hosts names per host, a million per task at 1,000 hosts.
const activeMemo = new WeakMap<PlayContext, { version: number; batch: string[]; play: string[] }>()

function activeHosts(ctx: PlayContext): { batch: string[]; play: string[] } {
  const version = hostStateVersion()
  let memo = activeMemo.get(ctx)
  if (!memo || memo.version !== version) {
    const active = (name: string) => {
      const h = ctx.hosts.get(name)
      return !h || (!h.failed && !h.unreachable)
    }
    memo = { version, batch: ctx.batch.filter(active), play: ctx.playHosts.filter(active) }
    activeMemo.set(ctx, memo)
  }
  return memo
}

function magicVars(ctx: PlayContext, host: HostState, scope: Scope): Vars {
  const { batch, play } = activeHosts(ctx)
  const magic: Vars = {
    inventory_hostname: host.name,
    inventory_hostname_short: host.name.split('.')[0],
    group_names: ctx.options.inventory.groupNames(host.name),
    groups: ctx.groups,
    hostvars: hostvarsProxy(ctx),
    play_hosts: batch,
    ansible_play_batch: batch,
    ansible_play_hosts: play,
    ansible_play_hosts_all: ctx.playHosts,
    ansible_check_mode: ctx.options.check,
    ansible_diff_mode: ctx.options.diff,
    playbook_dir: ctx.play.baseDir,
    ansible_facts: stripPrefix(host.facts),
    omit: ctx.omit,
    ansible_version: ANSIBLE_VERSION,
    ...controllerPython(),
    role_names: ctx.play.roles.map((r) => r.role.name),
    ansible_play_role_names: ctx.play.roles.map((r) => r.role.name),
    ansible_run_tags: ctx.options.tags.length ? ctx.options.tags : ['all'],
    ansible_skip_tags: ctx.options.skipTags,
    ansible_limit: ctx.options.limit,
    ansible_forks: ctx.options.forks,
  }
  if (scope.role) Object.assign(magic, { role_name: scope.role.name, role_path: scope.role.path })
  // Ansible's task search path: the role's dir, then the task file's dir
  if (scope.file) magic.ansible_search_path = [...new Set([scope.role?.path, resolve(dirname(scope.file))].filter((d) => d !== undefined))]
  if (host.lastFailure) Object.assign(magic, { ansible_failed_task: host.lastFailure.task, ansible_failed_result: host.lastFailure.result })
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
      // a host this run has not touched yet still has its cached facts
      const facts = host?.facts ?? (ctx.options.factCache && loadFacts(ctx.options.factCache, name)) ?? {}
      vars = Object.assign(
        {} as Vars,
        ctx.inventoryVars(name),
        facts,
        ctx.play.vars,
        ...ctx.varsFiles,
        host?.includedVars,
        host?.hostFacts,
        ctx.options.extraVars,
        { inventory_hostname: name, inventory_hostname_short: name.split('.')[0], group_names: ctx.options.inventory.groupNames(name), ansible_facts: stripPrefix(facts) },
      )
      cache.set(name, markScope(vars!))
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

// The Ansible whose language tsplay speaks (templates, conditions, filters): content that checks
// `ansible_version` sees ansible-core 2.14.
const ANSIBLE_VERSION = Object.freeze({ full: '2.14.18', major: 2, minor: 14, revision: 18, string: '2.14.18' })

let python: Vars | undefined

/**
 * ansible_playbook_python: the Python a playbook can run on the controller. tsplay needs none; content
 * that runs `{{ ansible_playbook_python }}` gets the controller's python3 when it has one.
 */
function controllerPython(): Vars {
  if (!python) {
    const found = (process.env.PATH ?? '').split(':').map((d) => join(d || '.', 'python3')).find((p) => existsSync(p))
    python = found ? { ansible_playbook_python: found } : {}
  }
  return python
}

/** ansible_facts: the facts without their prefix (ansible_local keeps it, as in Ansible) */
function stripPrefix(facts: Vars): Vars {
  const out: Vars = {}
  for (const [k, v] of Object.entries(facts)) out[k.startsWith('ansible_') && k !== 'ansible_local' ? k.slice(8) : k] = v
  return out
}
