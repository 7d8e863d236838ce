// State that lives for the whole run: hosts, connections, inventory caches.
import type { Connection } from '../connection/types.js'
import type { Vars } from '../playbook/model.js'
import { emptyStats } from '../reporters/types.js'
import { render } from '../template/index.js'
import type { HostState, RunOptions, Scope, SearchState } from './types.js'

export class RunState {
  readonly hosts = new Map<string, HostState>()
  readonly groups: Record<string, string[]>
  private readonly connections = new Map<string, Connection>()
  private readonly inventoryCache = new Map<string, Vars>()
  readonly search: SearchState

  constructor(readonly options: RunOptions) {
    this.groups = options.inventory.groups()
    this.search = { startAt: options.startAtTask }
  }

  host(name: string): HostState {
    let state = this.hosts.get(name)
    if (!state) {
      state = {
        name, facts: {}, hostFacts: {}, includedVars: {}, failed: false, unreachable: false, ended: false,
        notified: new Set(), rescuing: 0, stats: emptyStats(),
      }
      this.hosts.set(name, state)
    }
    return state
  }

  /** Failed and unreachable hosts sit out the rest of the run, as in Ansible. */
  lost(name: string): boolean {
    const h = this.hosts.get(name)
    return h !== undefined && (h.failed || h.unreachable)
  }

  inventoryVars(name: string): Vars {
    let vars = this.inventoryCache.get(name)
    if (!vars) {
      vars = this.options.inventory.hostNames().includes(name) ? this.options.inventory.hostVars(name) : {}
      this.inventoryCache.set(name, vars)
    }
    return vars
  }

  /** One connection per host for the whole run; delegate targets outside the inventory get one too. */
  connectionFor(name: string, vars: Vars, scope: Scope): Connection {
    let conn = this.connections.get(name)
    if (!conn) {
      const own = this.options.inventory.hostNames().includes(name) ? this.inventoryVars(name) : implicitHost(name)
      const connVars = connectionVars(name === vars.inventory_hostname ? vars : own)
      if (connVars.ansible_user === undefined) {
        const user = scope.remote_user ?? this.options.remoteUser
        if (user !== undefined) connVars.ansible_user = user
      }
      conn = this.options.connect(name, connVars)
      this.connections.set(name, conn)
    }
    return conn
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.connections.values()].map((c) => c.close()))
    this.connections.clear()
  }
}

/** The host's variables with its ansible_* connection settings rendered (`ansible_password: "{{ vaulted }}"`). */
function connectionVars(vars: Vars): Vars {
  const out: Vars = { ...vars }
  for (const [key, value] of Object.entries(vars)) {
    if (key.startsWith('ansible_') && typeof value === 'string' && value.includes('{{')) out[key] = render(value, vars)
  }
  return out
}

/** A delegate target outside the inventory: localhost is the controller itself, as in Ansible. */
function implicitHost(name: string): Vars {
  return ['localhost', '127.0.0.1', '::1'].includes(name) ? { ansible_connection: 'local' } : { ansible_host: name }
}
