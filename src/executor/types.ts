// What the executor needs from the outside world, and what it keeps per host during a run.
import type { Connection } from '../connection/types.js'
import type { FactCacheConfig } from '../facts/cache.js'
import type { Inventory } from '../inventory/types.js'
import type { ModuleDefinition } from '../modules/types.js'
import type { SourcePosition } from '../errors.js'
import type { IncludedRole } from '../playbook/load.js'
import type { Condition, Handler, Play, RoleScope, Task, TaskNode, Vars } from '../playbook/model.js'
import type { AsyncJobs } from './async-jobs.js'
import type { HostStats, Reporter, TaskInfo } from './events.js'
import type { Prompter } from './vars-prompt.js'

export interface BecomeDefaults {
  become?: boolean // -b
  user?: string // --become-user
  method?: string // --become-method
  password?: string // -K or ansible_become_password
}

export interface RunOptions {
  inventory: Inventory
  /** -l/--limit pattern, intersected with every play's hosts. */
  limit?: string
  check: boolean
  diff: boolean
  /** Asks a vars_prompt question (the CLI reads the terminal or stdin); without it, defaults answer. */
  prompt?: Prompter
  /** -v count: debug's verbosity threshold. */
  verbosity?: number
  forks: number
  extraVars: Vars
  tags: string[] // empty = all
  skipTags: string[]
  startAtTask?: string
  becomeDefaults: BecomeDefaults
  remoteUser?: string
  reporter: Required<Reporter>
  modules: Record<string, ModuleDefinition<any>>
  /** Opens a connection for a host from its variables (transport factory). */
  connect(host: string, vars: Vars): Connection
  /** include_tasks: the task file's nodes (the loader's loadTaskFile). */
  loadTasks(file: string, baseDir: string, role?: RoleScope, playbookDir?: string): Promise<TaskNode[]> | TaskNode[]
  /** include_role: the role `name` with the include's args (tasks_from, …), found as the loader finds roles. */
  loadRole(name: string, args: Vars, from: { baseDir: string; role?: RoleScope; playbookDir: string; where: SourcePosition }): Promise<IncludedRole> | IncludedRole
  /** include_vars / templated vars_files. */
  loadVars(file: string, baseDir: string): Promise<Vars> | Vars
  /** Registers a secret found at run time (a templated become or connection password). */
  addSecret?: (value: string) => void
  /** Decrypts vault-encrypted text for the file and unvault lookups (the run's vault keyring). */
  decryptVault?: (text: string, file: string) => Buffer
  /** Fact caching (Ansible's jsonfile plugin): hosts start with their cached facts; gathered facts are saved. */
  factCache?: FactCacheConfig
  /** --force-handlers: the default of every play's force_handlers. */
  forceHandlers?: boolean
  /**
   * ansible.cfg's gathering: implicit (the default: a play gathers facts unless gather_facts: false),
   * explicit (only with gather_facts: true), smart (once per host: not again for a host gathered in this run
   * or found in the fact cache with the same gather_subset and fact_path).
   */
  gathering?: 'implicit' | 'explicit' | 'smart'
  /** The default strategy of a play that names none (ansible.cfg's strategy; linear). */
  strategy?: string
  /** The default of every play's any_errors_fatal (ansible.cfg). */
  anyErrorsFatal?: boolean
  /** A play whose pattern matches no host: warning (default), error or ignore (ansible.cfg's host_pattern_mismatch). */
  hostPatternMismatch?: 'warning' | 'error' | 'ignore'
  /** --step: asked before each task and handler runs; false skips it. */
  step?: (task: TaskInfo) => Promise<boolean>
  /**
   * Aborted on SIGINT/SIGTERM (its reason is the signal's name): no task or host starts after it, the
   * commands in flight are stopped on their hosts, and the run ends with its recap.
   */
  signal?: AbortSignal
}

/** One host across the whole run. */
export interface HostState {
  name: string
  facts: Vars
  /** set_fact and register results: precedence above task vars, kept across plays. */
  hostFacts: Vars
  /** include_vars results. */
  includedVars: Vars
  /** An unhandled failure (settle.ts sets and clears it, nothing else does). */
  failed: boolean
  /** Counts this host's failures: a part of the walk that tolerates a failure (always:) knows which one. */
  failureSerial: number
  unreachable: boolean
  /** meta: end_host, or the play was ended for everyone. */
  ended: boolean
  /** Handlers notified on this host and not yet run. */
  notified: Set<Handler>
  /** Enclosing blocks with a rescue: a failure here is handled, not fatal to the play. */
  rescuing: number
  /** Enclosing blocks with an always: section: any_errors_fatal lets it run (Ansible's dont_fail_states). */
  guarded: number
  /** The last failure, as `ansible_failed_task` / `ansible_failed_result` for rescue and always. */
  lastFailure?: { task: Vars; result: Vars }
  stats: HostStats
}

/** Play-wide state shared by its batches. */
export interface PlayState {
  /** meta: end_play — no more tasks, no more batches. */
  ended: boolean
}

/** Run-wide state shared by plays and playbooks. */
export interface SearchState {
  /** --start-at-task still looking for its task. */
  startAt?: string
}

/** Keywords inherited from play → block → role → include → task. */
export interface Scope {
  when: Condition[]
  tags: string[]
  /** Block/role-block vars, lowest first. */
  vars: Vars[]
  /** include_tasks params / include vars (Ansible's "include params"). */
  includeParams: Vars
  role?: RoleScope
  /** The file the innermost task or block is written in. */
  file?: string
  become?: unknown
  become_user?: string
  become_method?: string
  ignore_errors?: unknown
  ignore_unreachable?: unknown
  delegate_to?: string
  run_once?: unknown
  delegate_facts?: unknown
  no_log?: unknown
  check_mode?: unknown
  diff?: unknown
  any_errors_fatal?: unknown
  /** `environment:` of every enclosing level, outermost first: merged per variable, the nearest wins. */
  environment: unknown[]
  remote_user?: string
  /** The `connection:` keyword (an `ansible_connection` variable overrides it, as in Ansible). */
  connection?: string
  throttle?: number | string
  timeout?: number | string
  /** `module_defaults` of every enclosing level, outermost first: per module, the nearest level's entry wins. */
  moduleDefaults: Record<string, unknown>[]
  notify: string[]
  /**
   * Failed hosts this part of the walk still runs on (an `always:` section, forced handlers), each with
   * the failure it tolerates: a host that fails again here stops.
   */
  tolerated?: ReadonlyMap<HostState, number>
}

/** Whether tasks still run on `host`: not failed (or its failure is tolerated here), reachable, not ended. */
export function canRun(host: HostState, scope?: Pick<Scope, 'tolerated'>): boolean {
  if (host.unreachable || host.ended) return false
  return !host.failed || scope?.tolerated?.get(host) === host.failureSerial
}

/** Hosts still in the play: not failed, reachable, not ended. */
export function isActive(host: HostState): boolean {
  return canRun(host)
}

/** Everything a play's walk shares: the play, the run's options and hosts, the current batch. */
export interface PlayContext {
  play: Play
  options: RunOptions
  hosts: Map<string, HostState>
  /** The state of any inventory host (made when first asked for: a delegate_facts target outside the play). */
  hostState(name: string): HostState
  /** Every host of the play (ansible_play_hosts_all) and the current batch. */
  playHosts: string[]
  batch: string[]
  varsFiles: Vars[]
  /** Play vars, vars_files and extra vars: what play-level templates (hosts, task names) see. */
  playVars: Vars
  playState: PlayState
  search: SearchState
  groups: Record<string, string[]>
  /** The value of `omit` this run: a module argument rendered to it is left out. */
  omit: string
  inventoryVars(host: string): Vars
  /** The (cached) connection to a host, opened with its connection variables. */
  connectionFor(host: string, vars: Vars, scope: Scope): Connection
  /** The run's async jobs (async/poll, async_status). */
  jobs: AsyncJobs
  /** add_host / group_by changed the inventory: groups and host variables are read anew. */
  inventoryChanged(): void
  /** meta: reset_connection: the host's connections close; the next task opens new ones. */
  resetConnection(host: string): Promise<void>
}

export type TaskKind = 'task' | 'handler' | 'facts'

/** What engine actions (include_tasks, meta, …) need from the walk that runs them (walk.ts's Walker). */
export interface TaskRunner {
  readonly ctx: PlayContext
  runNodes(nodes: TaskNode[], hosts: HostState[], scope: Scope): Promise<void>
  runTask(task: Task, hosts: HostState[], scope: Scope, kind?: TaskKind): Promise<void>
  /** Runs the handlers notified on `hosts` (meta: flush_handlers). */
  flushHandlers(hosts: HostState[]): Promise<void>
}
