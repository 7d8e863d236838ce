// The one place results reach a host: register, facts (set_fact, include_vars, setup), handler
// notifications, the host's failed/unreachable state and its recap counters. Everything else in the
// executor reads HostState.failed/stats; only this file writes them.
import { saveFacts } from '../facts/cache.js'
import { ansibleDiff } from '../modules/lib/result.js'
import type { TaskResult } from '../modules/types.js'
import type { Task, Vars } from '../playbook/model.js'
import { handlersFor } from '../playbook/notify.js'
import { markUnsafe, render } from '../template/index.js'
import { looseBoolean } from '../util/boolean.js'
import type { HostResultInfo } from './events.js'
import type { HostState, PlayContext, Scope } from './types.js'

export interface HostOutcome {
  result: TaskResult
  /** failed, but ignore_errors */
  ignored: boolean
  /** unreachable, but ignore_unreachable */
  ignoredUnreachable: boolean
  /** delegate_facts: the facts go to these hosts (each result's delegated host), not to the task's host. */
  delegatedFacts?: Array<[host: string, facts: Vars]>
}

const displayNames = new WeakMap<Task, string>()

// Bumped whenever a host becomes (or stops being) failed or unreachable: what is derived from those
// states (the play's active hosts, vars.ts) is recomputed only then, not for every host and task.
let stateVersion = 0

/** The version of every host's failed/unreachable state (changes when one of them does). */
export function hostStateVersion(): number {
  return stateVersion
}

/**
 * A task name with `{{ }}` is shown rendered each time the task starts, with the variables of its first
 * host (as Ansible's strategies do), or as written if it can't be.
 */
export function nameTask(task: Task, vars: () => Vars): void {
  if (!task.name?.includes('{{')) return
  try {
    displayNames.set(task, render(task.name, vars()))
  } catch {
    displayNames.set(task, task.name)
  }
}

/** How reports name a task: its (rendered) name and its role (reporters print `role : name`, as Ansible does). */
export function taskInfo(task: Task) {
  return { name: displayNames.get(task) ?? task.name ?? task.action, module: task.action, file: task.pos.file, line: task.pos.line, role: task.role?.name }
}

/** The value `register:` stores: the module's data plus Ansible's status flags. Never re-templated. */
export function registered(result: TaskResult): Vars {
  return markUnsafe({
    ...result.data,
    ...(result.msg !== undefined ? { msg: result.msg } : {}),
    // in diff mode Ansible's modules return their diff, and register keeps it (unless the module shapes its own)
    ...(result.diff?.length && !('diff' in result.data) ? { diff: ansibleDiff(result.diff) } : {}),
    changed: result.status === 'changed',
    failed: result.status === 'failed',
    ...(result.status === 'skipped' ? { skipped: true } : {}),
    ...(result.status === 'unreachable' ? { unreachable: true } : {}),
  })
}

/** A task's outcome on a host (already reported): what it registers, sets and notifies, and the counters. */
export function settle(ctx: PlayContext, task: Task, host: HostState, scope: Scope, outcome: HostOutcome, vars: Vars): void {
  const { result } = outcome
  if (task.register) host.hostFacts[task.register] = registered(result)
  if (outcome.delegatedFacts) for (const [name, facts] of outcome.delegatedFacts) setFacts(ctx, task, ctx.hostState(name), facts, vars)
  else {
    const facts = collectFacts(result)
    if (facts) setFacts(ctx, task, host, facts, vars)
  }
  if (result.status === 'changed') notify(ctx, host, scope, vars)
  count(host, outcome)
  if (result.status === 'failed' && !outcome.ignored) {
    host.lastFailure = { task: { name: task.name ?? task.action, action: task.action }, result: registered(result) }
  }
}

/**
 * Reports and settles a result the executor decided itself (engine actions, a keyword that failed to
 * render). `report: false` counts it without a result line (an include is announced by onIncluded).
 */
export function finish(ctx: PlayContext, task: Task, host: HostState, scope: Scope, result: TaskResult, report: Partial<HostResultInfo> | false = {}): void {
  if (report) ctx.options.reporter.onHostResult({ host: host.name, task: taskInfo(task), result, ...report })
  settle(ctx, task, host, scope, { result, ignored: false, ignoredUnreachable: false }, {})
}

/** Fails hosts without running the task (a keyword or template that could not be evaluated). */
export function failHosts(ctx: PlayContext, task: Task, hosts: HostState[], scope: Scope, msg: string): void {
  for (const host of hosts) finish(ctx, task, host, scope, { status: 'failed', msg, data: {} })
}

/**
 * A failure a block's rescue handles: the recap counts it as rescued, not failed. A host that was
 * already failed when the block started (it runs in an always: section) keeps that earlier failure.
 */
export function rescue(host: HostState, serialAtEntry: number, failedAtEntry: boolean): void {
  stateVersion++
  host.stats.failed--
  host.stats.rescued++
  host.failed = failedAtEntry
  host.failureSerial = serialAtEntry
}

/** meta: clear_host_errors. */
export function clearFailure(host: HostState): void {
  stateVersion++
  host.failed = false
}

/** run_once: the one host's register and set_fact reach every host; its failure fails them all. */
export function shareRunOnceResult(task: Task, first: HostState, others: HostState[], outcome: HostOutcome): void {
  const facts = task.action === 'set_fact' ? collectFacts(outcome.result) : undefined
  for (const h of others) {
    if (task.register) h.hostFacts[task.register] = first.hostFacts[task.register]
    if (facts) Object.assign(h.hostFacts, facts)
    if (outcome.result.status === 'failed' && !outcome.ignored) {
      fail(h)
      h.stats.failed++
      h.lastFailure = first.lastFailure
    }
  }
}

/** set_fact's `cacheable: true` facts are facts too, as in Ansible: in ansible_facts and the fact cache. */
function cacheable(task: Task, vars: Vars): boolean {
  const value = task.action === 'set_fact' ? task.args.cacheable : undefined
  if (value === undefined) return false
  return looseBoolean(typeof value === 'string' && value.includes('{{') ? render(value, vars) : value)
}

/** Facts a task set on `host`: its layer, the persistent facts when cacheable, the fact cache. */
function setFacts(ctx: PlayContext, task: Task, host: HostState, facts: Vars, vars: Vars): void {
  const layer = factLayer(task, host)
  Object.assign(layer, facts)
  const persistent = layer === host.facts || cacheable(task, vars)
  if (layer !== host.facts && persistent) Object.assign(host.facts, facts)
  if (persistent && ctx.options.factCache) saveFacts(ctx.options.factCache, host.name, host.facts)
}

// set_fact → set_fact/register layer, include_vars → include_vars layer, setup and others → facts.
function factLayer(task: Task, host: HostState): Vars {
  if (task.action === 'set_fact') return host.hostFacts
  if (task.action === 'include_vars') return host.includedVars
  return host.facts
}

function notify(ctx: PlayContext, host: HostState, scope: Scope, vars: Vars): void {
  for (const written of scope.notify) {
    const name = written.includes('{{') ? render(written, vars) : written
    const handlers = handlersFor(name, ctx.play.handlers, scope.role)
    if (!handlers.length) ctx.options.reporter.onWarning(`[${host.name}] notified handler '${name}' does not exist`)
    for (const handler of handlers) host.notified.add(handler)
  }
}

function fail(host: HostState): void {
  stateVersion++
  host.failed = true
  host.failureSerial++
}

function count(host: HostState, { result, ignored, ignoredUnreachable }: HostOutcome): void {
  const stats = host.stats
  switch (result.status) {
    case 'ok': stats.ok++; break
    case 'changed': stats.ok++; stats.changed++; break
    case 'skipped': stats.skipped++; break
    case 'unreachable':
      if (ignoredUnreachable) { stats.ok++; stats.ignored++ } else { stats.unreachable++; host.unreachable = true; stateVersion++ }
      break
    case 'failed':
      if (ignored) { stats.ok++; stats.ignored++ } else { stats.failed++; fail(host) }
  }
}

function collectFacts(result: TaskResult): Vars | undefined {
  if (result.data.ansible_facts) return result.data.ansible_facts as Vars
  const items = result.data.results as Vars[] | undefined
  if (!items?.some((r) => r.ansible_facts)) return undefined
  return Object.assign({}, ...items.map((r) => (r.ansible_facts as Vars | undefined) ?? {}))
}
