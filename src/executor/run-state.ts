// State that lives for the whole run: hosts, connections, inventory caches.
import { randomBytes } from 'node:crypto'
import type { Connection } from '../connection/types.js'
import { LOCALHOST } from '../inventory/patterns.js'
import { loadFacts } from '../facts/cache.js'
import type { Vars } from '../playbook/model.js'
import { AsyncJobs } from './async-jobs.js'
import { emptyStats } from './events.js'
import { render } from '../template/index.js'
import type { HostState, RunOptions, Scope, SearchState } from './types.js'

export class RunState {
  readonly hosts = new Map<string, HostState>()
  readonly groups: Record<string, string[]>
  private readonly connections = new Map<string, Connection>()
  private readonly inventoryCache = new Map<string, Vars>()
  private names?: Set<string> // the inventory's hosts, looked up per host (a list scan each was N² at scale)
  readonly search: SearchState
  /** `{{ omit }}`'s value, as Ansible makes it: unguessable, so no real value equals it. */
  readonly omit = `__omit_place_holder__${randomBytes(20).toString('hex')}`
  readonly jobs = new AsyncJobs()

  constructor(readonly options: RunOptions) {
    this.groups = options.inventory.groups()
    this.search = { startAt: options.startAtTask }
    options.signal?.addEventListener('abort', () => {
      for (const conn of this.connections.values()) conn.interrupt?.(this.stopReason()!)
    }, { once: true })
  }

  /** The signal that stopped the run ('SIGINT'), or undefined while it goes on. */
  stopReason(): string | undefined {
    const signal = this.options.signal
    return signal?.aborted ? String(signal.reason ?? 'SIGINT') : undefined
  }

  host(name: string): HostState {
    let state = this.hosts.get(name)
    if (!state) {
      state = {
        name, facts: (this.options.factCache && loadFacts(this.options.factCache, name)) || {}, hostFacts: {}, includedVars: {},
        failed: false, failureSerial: 0, unreachable: false, ended: false,
        notified: new Set(), rescuing: 0, guarded: 0, stats: emptyStats(),
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

  inInventory(name: string): boolean {
    return (this.names ??= new Set(this.options.inventory.hostNames())).has(name)
  }

  inventoryVars(name: string): Vars {
    let vars = this.inventoryCache.get(name)
    if (!vars) {
      // the implicit localhost's too: ansible_connection local
      vars = this.inInventory(name) || LOCALHOST.includes(name) ? this.options.inventory.hostVars(name) : {}
      this.inventoryCache.set(name, vars)
    }
    return vars
  }

  /**
   * One connection per host and connection type for the whole run; delegate targets outside the inventory
   * get one too. Connection variables (ansible_connection, ansible_user) win over the keywords
   * (connection, remote_user), which win over the command line, as in Ansible.
   */
  connectionFor(name: string, vars: Vars, scope: Scope): Connection {
    const hostVars = name === vars.inventory_hostname ? vars : this.inInventory(name) ? this.inventoryVars(name) : implicitHost(name)
    const type = hostVars.ansible_connection ?? scope.connection
    const rendered = typeof type === 'string' && type.includes('{{') ? render(type, hostVars) : type
    const key = `${name}\0${String(rendered ?? 'ssh')}`
    let conn = this.connections.get(key)
    if (!conn) {
      const connVars = connectionVars(hostVars)
      if (rendered !== undefined) connVars.ansible_connection = rendered
      if (connVars.ansible_user === undefined) {
        const user = scope.remote_user ?? this.options.remoteUser
        if (user !== undefined) connVars.ansible_user = user
      }
      conn = this.options.connect(name, connVars)
      this.connections.set(key, conn)
      const stopped = this.stopReason()
      if (stopped) conn.interrupt?.(stopped)
    }
    return conn
  }

  inventoryChanged(): void {
    this.inventoryCache.clear()
    this.names = undefined // add_host: a host the inventory did not have
    const groups = this.options.inventory.groups()
    for (const name of Object.keys(this.groups)) if (!(name in groups)) delete this.groups[name]
    Object.assign(this.groups, groups)
  }

  async resetConnection(name: string): Promise<void> {
    const keys = [...this.connections.keys()].filter((k) => k.split('\0')[0] === name)
    await Promise.allSettled(keys.map((k) => this.connections.get(k)!.close()))
    for (const k of keys) this.connections.delete(k)
  }

  async close(): Promise<void> {
    const running = this.jobs.unfinished()
    if (running.length) {
      this.options.reporter.onWarning(`waiting for ${running.length} async job(s) of this run to finish (each at most its async: seconds)`)
      await Promise.allSettled(running)
    }
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
  return LOCALHOST.includes(name) ? { ansible_connection: 'local' } : { ansible_host: name }
}
