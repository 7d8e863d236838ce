// One task on one host: when, loop, args rendering, until/retries, changed_when/failed_when.
// What a finished task does to the host (register, facts, notify, stats) is in settle.ts.
import { TemplateError } from '../errors.js'
import type { TaskResult, TaskStatus } from '../modules/types.js'
import { loopItems, loopNames } from '../playbook/loop.js'
import { moduleKeyPosition } from '../playbook/module-args.js'
import type { Task, Vars } from '../playbook/model.js'
import { evaluateCondition, isUnsafe, markUnsafe, render, renderValue, UnsafeText, type RenderContext } from '../template/index.js'
import type { HostResultInfo } from './events.js'
import { sleep } from '../util/sleep.js'
import { withTaskTimeout } from './async-jobs.js'
import { flagValue, invokeModule, type Invocation } from './invoke.js'
import { registered, settle, taskInfo, type HostOutcome } from './settle.js'
import type { HostState, PlayContext, Scope } from './types.js'
import { applyInventoryChange } from './dynamic-inventory.js'
import { loopVarsOf } from './loop-vars.js'
import { templateContext } from './template-context.js'
import { taskVars } from './vars.js'

type Report = (result: TaskResult, extra?: Partial<HostResultInfo>) => void

export async function runTaskOnHost(ctx: PlayContext, task: Task, host: HostState, scope: Scope): Promise<HostOutcome> {
  let noLog = scope.no_log === true
  const start = Date.now()
  const report: Report = (result, extra = {}) =>
    ctx.options.reporter.onHostResult({ host: host.name, task: taskInfo(task), result, noLog, start, end: Date.now(), ...extra })
  let outcome: HostOutcome
  let vars: Vars = {}
  try {
    vars = taskVars(ctx, host, scope)
    noLog = flagValue(scope.no_log, vars, false, 'no_log')
    outcome = task.loop === undefined ? await runOnce(ctx, task, scope, vars, report) : await runLoop(ctx, task, scope, vars, report)
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    // a template that cannot be evaluated fails the task, and ignore_errors covers it, as in Ansible
    const result: TaskResult = { status: 'failed', msg: error.describe(), data: {} }
    outcome = { result, ...safeTolerance(scope, vars) }
    report(result, { ignored: outcome.ignored })
  }
  settle(ctx, task, host, scope, outcome, vars)
  return outcome
}

function safeTolerance(scope: Scope, vars: Vars) {
  try {
    return tolerance(scope, vars, 'failed')
  } catch {
    return { ignored: false, ignoredUnreachable: false } // ignore_errors itself could not be evaluated
  }
}

function tolerance(scope: Scope, vars: Vars, status: TaskStatus) {
  return {
    ignored: status === 'failed' && flagValue(scope.ignore_errors, vars, false, 'ignore_errors'),
    ignoredUnreachable: status === 'unreachable' && flagValue(scope.ignore_unreachable, vars, false, 'ignore_unreachable'),
  }
}

async function runOnce(ctx: PlayContext, task: Task, scope: Scope, vars: Vars, report: Report): Promise<HostOutcome> {
  const result = await runItem(ctx, task, scope, vars)
  const outcome: HostOutcome = { result, ...tolerance(scope, vars, result.status) }
  if (delegatesFacts(scope, vars)) outcome.delegatedFacts = factsOfDelegated(result)
  report(result, { ignored: outcome.ignored, delegatedTo: result.delegatedTo })
  return outcome
}

async function runLoop(ctx: PlayContext, task: Task, scope: Scope, vars: Vars, report: Report): Promise<HostOutcome> {
  const at = templateContext(ctx, task, task.keyPos.loop ? 'loop' : `with_${task.loop_with}`)
  let items: unknown[]
  try {
    items = loopItems(task.loop, task.loop_with, vars, at)
  } catch (error) {
    // Ansible keeps a loop error until `when` says the task runs (`when: x is defined` + `loop: x`).
    if (error instanceof TemplateError && scope.when.length && !evaluateCondition(scope.when, vars, templateContext(ctx, task, 'when'))) {
      return skippedOutcome(report)
    }
    throw error
  }
  if (!items.length) return skippedOutcome(report, { results: [], skipped_reason: 'No items in the list' }) // Ansible's key names
  const { loopVar, indexVar } = loopNames(task.loop_control, vars, at)
  const results: Vars[] = []
  const seen = new Set<TaskStatus>()
  const setSoFar: Vars = {} // set_fact in a loop: each item sees what the items before it set, as in Ansible
  const delegatedFacts: HostOutcome['delegatedFacts'] = delegatesFacts(scope, vars) ? [] : undefined
  for (const [index, item] of items.entries()) {
    if (ctx.options.signal?.aborted) break // SIGINT/SIGTERM: the items not started are not run
    const start = Date.now()
    const loopVars = loopVarsOf(task, items, index, loopVar, indexVar)
    const itemVars = { ...vars, ...setSoFar, ...loopVars } // loop vars are the top layer
    const result = await runItem(ctx, task, scope, itemVars)
    if (task.action === 'set_fact' && result.status !== 'failed') Object.assign(setSoFar, result.data.ansible_facts)
    delegatedFacts?.push(...factsOfDelegated(result))
    seen.add(result.status)
    const label = task.loop_control?.label === undefined ? item : render(task.loop_control.label, itemVars, templateContext(ctx, task, 'loop_control'))
    report(result, { item: label, loopVar, delegatedTo: result.delegatedTo, start })
    results.push({ ...registered(result), [loopVar]: item, ansible_loop_var: loopVar })
    if (result.status === 'unreachable') break
    if (task.loop_control?.pause) await sleep(Number(task.loop_control.pause) * 1000, ctx.options.signal)
  }
  const status: TaskStatus = seen.has('unreachable')
    ? 'unreachable'
    : seen.has('failed') ? 'failed' : seen.has('changed') ? 'changed' : seen.has('ok') ? 'ok' : 'skipped'
  const msg = status === 'failed' ? 'One or more items failed' : status === 'skipped' ? 'All items skipped' : 'All items completed'
  const outcome: HostOutcome = { result: { status, msg, data: { results } }, ...tolerance(scope, vars, status), delegatedFacts }
  if (outcome.ignored) report(outcome.result, { ignored: true, loopSummary: true })
  return outcome
}

function delegatesFacts(scope: Scope, vars: Vars): boolean {
  return scope.delegate_to !== undefined && flagValue(scope.delegate_facts, vars, false, 'delegate_facts')
}

/** delegate_facts: the facts a delegated result sets, for the host it ran on. */
function factsOfDelegated(result: TaskResult & { delegatedTo?: string }): Array<[string, Vars]> {
  const facts = result.data.ansible_facts as Vars | undefined
  return result.delegatedTo && facts && result.status !== 'failed' ? [[result.delegatedTo, facts]] : []
}

function skippedOutcome(report: Report, data: Vars = { skip_reason: 'Conditional result was False' }): HostOutcome {
  const result: TaskResult = { status: 'skipped', data }
  report(result)
  return { result, ignored: false, ignoredUnreachable: false }
}

/** when → args → module (with until/retries) → changed_when, then failed_when. */
async function runItem(ctx: PlayContext, task: Task, scope: Scope, vars: Vars): Promise<TaskResult & { delegatedTo?: string }> {
  const where = (key: string) => templateContext(ctx, task, key)
  if (scope.when.length && !evaluateCondition(scope.when, vars, where('when'))) {
    return { status: 'skipped', data: { skip_reason: 'Conditional result was False' } }
  }
  if (task.invalidArgs) return { status: 'failed', msg: task.invalidArgs, data: {} }
  let args = renderArgs(task, vars, ctx.omit, (arg) => ({ ...where(`args.${arg}`), where: task.valuePos[`args.${arg}`] ?? task.keyPos[`args.${arg}`] ?? moduleKeyPosition(task) }))
  if (task.argsTemplate) args = { ...argsOfTemplate(task.argsTemplate, vars, where('args')), ...args }
  args = withModuleDefaults(task.action, scope.moduleDefaults, args, vars, ctx.omit, where('module_defaults'))
  // Ansible's attempt loop: retries + 1 attempts (one when retries <= 0, and then until is not asked);
  // delay is an int keyword (0.5 is 0); attempts is in the result before changed_when/failed_when see it
  const retries = task.until?.length ? Number(renderValue(task.retries ?? 3, vars, where('retries'))) : 0
  const attempts = retries <= 0 ? 1 : retries + 1
  const delayMs = Math.max(0, Math.trunc(Number(renderValue(task.delay ?? 5, vars, where('delay'))))) * 1000
  for (let attempt = 1; ; attempt++) {
    let result = await execute(ctx, { task, scope, host: String(vars.inventory_hostname), vars, args }, where)
    if (result.status === 'unreachable' || result.status === 'skipped') return result
    result = applyInventoryChange(ctx, String(vars.inventory_hostname), result)
    if (task.until?.length) result = { ...result, data: { ...result.data, attempts: attempt } }
    result = applyConditions(task, vars, result, where)
    if (attempts === 1) return result
    const withResult = task.register ? { ...vars, [task.register]: registered(result) } : vars
    if (evaluateCondition(task.until!, withResult, where('until'))) return result
    if (attempt >= attempts || ctx.options.signal?.aborted) {
      const data = { ...result.data, attempts: retries }
      // failed_when, when given, has the last word over running out of attempts (Ansible's is_failed)
      return task.failed_when?.length ? { ...result, data } : { ...result, status: 'failed', msg: result.msg ?? `retries exhausted (${retries})`, data }
    }
    await sleep(delayMs, ctx.options.signal)
  }
}

/** The module call with the task's async/poll (a job) and timeout, as Ansible's TaskExecutor runs it. */
function execute(ctx: PlayContext, inv: Invocation, where: (key: string) => RenderContext): Promise<TaskResult & { delegatedTo?: string }> {
  const { task, scope, vars } = inv
  const seconds = (key: 'async' | 'poll' | 'timeout', value: unknown, fallback: number) => (value === undefined ? fallback : Number(renderValue(value, vars, where(key))))
  const timeout = seconds('timeout', scope.timeout, 0)
  const call = () => withTaskTimeout(task.action, timeout, invokeModule(ctx, inv))
  const asyncSeconds = seconds('async', task.async, 0)
  if (asyncSeconds <= 0) return call()
  return ctx.jobs.run(task.action, asyncSeconds, seconds('poll', task.poll, DEFAULT_POLL), call)
}

// Ansible's DEFAULT_POLL_INTERVAL
const DEFAULT_POLL = 15

// Arguments an action templates itself, as Ansible's do (assert evaluates each `that` as a condition).
const UNTEMPLATED: Record<string, string[]> = { assert: ['that'] }

/** The module's arguments templated, each with errors pointing at its own value; `{{ omit }}` leaves one out. */
function renderArgs(task: Task, vars: Vars, omit: string, at: (arg: string) => RenderContext): Vars {
  const keep = UNTEMPLATED[task.action] ?? []
  const rendered: Vars = {}
  for (const [arg, value] of Object.entries(task.args)) {
    if (keep.includes(arg)) {
      rendered[arg] = value
      continue
    }
    const key = arg.includes('{{') ? render(arg, vars, at(arg)) : arg // keys are templated too (`set_fact: "{{ item }}=moo"`)
    const unsafe = { seen: false }
    const result = renderValue(value, vars, { ...at(arg), unsafe })
    // a fact made from unsafe data (a registered result, a with_ item) stays unsafe: never templated again, as in Ansible
    rendered[key] = unsafe.seen && task.action === 'set_fact' ? asUnsafe(result) : result
  }
  return withoutOmitted(rendered, omit) as Vars
}

function asUnsafe(value: unknown): unknown {
  return typeof value === 'string' ? new UnsafeText(value) : markUnsafe(value)
}

// Ansible's remove_omit: dict entries equal to the omit value go, deep through dicts and lists.
function withoutOmitted(value: unknown, omit: string): unknown {
  if (isUnsafe(value) || value instanceof String) return value // data, kept as it is (and marked)
  if (Array.isArray(value)) return value.map((v) => withoutOmitted(v, omit))
  if (typeof value !== 'object' || value === null) return value
  const out: Vars = {}
  for (const [k, v] of Object.entries(value)) if (v !== omit) out[k] = Array.isArray(v) || (typeof v === 'object' && v !== null) ? withoutOmitted(v, omit) : v
  return out
}

/** Ansible's order: changed_when decides `changed` for every result, then failed_when decides `failed`. */
function applyConditions<R extends TaskResult>(task: Task, vars: Vars, result: R, where: (key: string) => RenderContext): R {
  if (!task.changed_when?.length && !task.failed_when?.length) return result
  const scoped = (r: TaskResult) => (task.register ? { ...vars, [task.register]: registered(r) } : vars)
  let changed = result.status === 'changed'
  let failed = result.status === 'failed'
  let condition = 'changed'
  try {
    if (task.changed_when?.length) changed = evaluateCondition(task.changed_when, scoped(result), where('changed_when'))
    condition = 'failed'
    if (task.failed_when?.length) {
      failed = evaluateCondition(task.failed_when, scoped({ ...result, status: changed ? 'changed' : 'ok' }), where('failed_when'))
    }
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    // the module's result stays, failed, with the error as <condition>_when_result, as in Ansible
    const msg = error.describe()
    return { ...result, status: 'failed', msg, data: { ...result.data, [`${condition}_when_result`]: msg } }
  }
  const status: TaskStatus = failed ? 'failed' : changed ? 'changed' : 'ok'
  const msg = failed && result.status !== 'failed' ? (result.msg ?? 'failed_when condition was true') : result.msg
  // Ansible's result says what failed_when decided
  const data = task.failed_when?.length ? { ...result.data, failed_when_result: failed } : result.data
  return { ...result, status, msg, data }
}

/** The task's arguments over the module_defaults entry for its module (the nearest level naming it; values templated). */
function withModuleDefaults(action: string, levels: Vars[], args: Vars, vars: Vars, omit: string, ctx: RenderContext): Vars {
  const entry = levels.reduce<unknown>((found, level) => (action in level ? level[action] : found), undefined)
  if (entry === undefined || entry === null) return args
  const defaults = renderValue(entry, vars, ctx)
  if (!defaults || typeof defaults !== 'object' || Array.isArray(defaults)) {
    throw new TemplateError(`module_defaults for '${action}' must be a mapping of arguments, got ${JSON.stringify(defaults)}`, ctx.where)
  }
  return { ...(withoutOmitted(defaults, omit) as Vars), ...args }
}

/** A task's whole arguments given as one template (`args: "{{ a }}"`, `add_host: "{{ h }}"`) must render to a mapping. */
function argsOfTemplate(template: string, vars: Vars, ctx: RenderContext): Vars {
  const value = renderValue<unknown>(template, vars, ctx)
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Vars
  throw new TemplateError(`the task's arguments '${template}' must render to a mapping, got ${JSON.stringify(value)}`, ctx.where, 'give the arguments as a mapping of the module\'s options')
}
