// One task on one host: when, loop, args rendering, until/retries, changed_when/failed_when,
// register, set_fact, notify, and the host's failed/unreachable state.
import { TemplateError } from '../errors.js'
import type { TaskResult, TaskStatus } from '../modules/types.js'
import { expandLoop } from '../playbook/loop.js'
import { moduleKeyPosition } from '../playbook/module-args.js'
import type { Task, Vars } from '../playbook/model.js'
import { evaluateCondition, markUnsafe, render, renderValue } from '../template/index.js'
import { flagValue, invokeModule } from './invoke.js'
import type { HostState, Scope } from './types.js'
import { taskVars, type PlayContext } from './vars.js'

export interface HostOutcome {
  result: TaskResult
  ignored: boolean
}

export async function runTaskOnHost(ctx: PlayContext, task: Task, host: HostState, scope: Scope): Promise<HostOutcome> {
  let noLog = scope.no_log === true
  const report = (result: TaskResult, item?: unknown, ignored = false, delegatedTo?: string) =>
    ctx.options.reporter.onHostResult({ host: host.name, task: taskInfo(task), result, item, ignored, delegatedTo, noLog })
  let outcome: HostOutcome
  try {
    const vars = taskVars(ctx, host, scope)
    noLog = flagValue(scope.no_log, vars, false)
    outcome = task.loop === undefined ? await runOnce(ctx, task, host, scope, vars, report) : await runLoop(ctx, task, host, scope, vars, report)
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    outcome = { result: { status: 'failed', msg: error.describe(), data: {} }, ignored: false }
    report(outcome.result)
  }
  settle(ctx, task, host, scope, outcome)
  return outcome
}

type Report = (result: TaskResult, item?: unknown, ignored?: boolean, delegatedTo?: string) => void

async function runOnce(ctx: PlayContext, task: Task, host: HostState, scope: Scope, vars: Vars, report: Report): Promise<HostOutcome> {
  const result = await runItem(ctx, task, host, scope, vars)
  const ignored = result.status === 'failed' && flagValue(scope.ignore_errors, vars, false)
  report(result, undefined, ignored, (result as { delegatedTo?: string }).delegatedTo)
  return { result, ignored }
}

async function runLoop(ctx: PlayContext, task: Task, host: HostState, scope: Scope, vars: Vars, report: Report): Promise<HostOutcome> {
  const where = task.keyPos.loop ?? task.keyPos[`with_${task.loop_with}`] ?? task.pos
  const items = expandLoop(renderValue(task.loop, vars, { where, task: task.name }), task.loop_with, where)
  const loopVar = task.loop_control?.loop_var ?? 'item'
  const results: Vars[] = []
  let any: Record<TaskStatus, boolean> = { ok: false, changed: false, failed: false, skipped: false, unreachable: false }
  for (const [index, item] of items.entries()) {
    const loopVars: Vars = { [loopVar]: item, ansible_loop_var: loopVar }
    if (task.loop_control?.index_var) loopVars[task.loop_control.index_var] = index
    if (task.loop_control?.extended) Object.assign(loopVars, { ansible_loop: extendedLoop(items, index) })
    const itemVars = taskVars(ctx, host, scope, loopVars)
    const result = await runItem(ctx, task, host, scope, itemVars)
    any = { ...any, [result.status]: true }
    const label = task.loop_control?.label === undefined ? item : render(task.loop_control.label, itemVars)
    report(result, label, false, (result as { delegatedTo?: string }).delegatedTo)
    results.push({ ...registered(result), [loopVar]: item, ansible_loop_var: loopVar })
    if (result.status === 'unreachable') break
    if (task.loop_control?.pause) await sleep(Number(task.loop_control.pause) * 1000)
  }
  const status: TaskStatus = any.unreachable ? 'unreachable' : any.failed ? 'failed' : any.changed ? 'changed' : items.length && !any.ok ? 'skipped' : 'ok'
  const msg = status === 'failed' ? 'One or more items failed' : status === 'skipped' ? 'All items skipped' : undefined
  const result: TaskResult = { status, msg, data: { results } }
  const ignored = status === 'failed' && flagValue(scope.ignore_errors, vars, false)
  if (status === 'failed') report(result, undefined, ignored)
  return { result, ignored }
}

/** when → args → module (with until/retries) → changed_when/failed_when. */
async function runItem(ctx: PlayContext, task: Task, host: HostState, scope: Scope, vars: Vars): Promise<TaskResult> {
  const where = (key: string) => ({ where: task.keyPos[key] ?? task.pos, task: task.name })
  if (scope.when.length && !evaluateCondition(scope.when, vars, where('when'))) {
    return { status: 'skipped', msg: 'Conditional result was False', data: { skip_reason: 'Conditional result was False' } }
  }
  let args = renderValue<Vars>(task.args, vars, { where: moduleKeyPosition(task), task: task.name })
  if (task.argsTemplate) args = { ...renderValue<Vars>(task.argsTemplate, vars, where('args')), ...args }
  const retries = task.until?.length ? Number(renderValue(task.retries ?? 3, vars)) : 0
  const delayMs = Number(renderValue(task.delay ?? 5, vars)) * 1000
  for (let attempt = 1; ; attempt++) {
    let result = await invokeModule(ctx, { task, scope, host: host.name, vars, args })
    if (result.status === 'unreachable' || result.status === 'skipped') return result
    result = applyConditions(task, vars, result, where)
    if (!task.until?.length) return result
    const withResult = task.register ? { ...vars, [task.register]: registered(result) } : vars
    if (evaluateCondition(task.until, withResult, where('until'))) return { ...result, data: { ...result.data, attempts: attempt } }
    if (attempt > retries) return { ...result, status: 'failed', msg: result.msg ?? `retries exhausted (${retries})`, data: { ...result.data, attempts: attempt } }
    await sleep(delayMs)
  }
}

function applyConditions(task: Task, vars: Vars, result: TaskResult, where: (key: string) => object): TaskResult {
  if (!task.changed_when?.length && !task.failed_when?.length) return result
  const withResult = task.register ? { ...vars, [task.register]: registered(result) } : vars
  let status = result.status
  if (task.changed_when?.length && status !== 'failed') {
    status = evaluateCondition(task.changed_when, withResult, where('changed_when')) ? 'changed' : 'ok'
  }
  if (task.failed_when?.length) {
    const failed = evaluateCondition(task.failed_when, { ...withResult }, where('failed_when'))
    if (failed) status = 'failed'
    else if (status === 'failed') status = 'ok'
  }
  return { ...result, status, msg: status === 'failed' && result.status !== 'failed' ? (result.msg ?? 'failed_when condition was true') : result.msg }
}

/** The value `register:` stores: the module's data plus Ansible's status flags. Never re-templated. */
export function registered(result: TaskResult): Vars {
  return markUnsafe({
    ...result.data,
    ...(result.msg !== undefined ? { msg: result.msg } : {}),
    changed: result.status === 'changed',
    failed: result.status === 'failed',
    ...(result.status === 'skipped' ? { skipped: true } : {}),
    ...(result.status === 'unreachable' ? { unreachable: true } : {}),
  })
}

/** Applies a finished task to the host: register, facts, notify, failed/unreachable, stats. */
function settle(ctx: PlayContext, task: Task, host: HostState, scope: Scope, { result, ignored }: HostOutcome): void {
  if (task.register) host.hostFacts[task.register] = registered(result)
  const facts = collectFacts(result)
  if (facts) Object.assign(task.action === 'set_fact' ? host.hostFacts : host.facts, facts)
  if (result.status === 'changed') for (const name of [...scope.notify, ...task.notify]) host.notified.add(name)
  const stats = host.stats
  switch (result.status) {
    case 'ok': stats.ok++; break
    case 'changed': stats.ok++; stats.changed++; break
    case 'skipped': stats.skipped++; break
    case 'unreachable': stats.unreachable++; host.unreachable = !flagValue(scope.ignore_unreachable, {}, false); break
    case 'failed':
      if (ignored) { stats.ok++; stats.ignored++ } else { stats.failed++; host.failed = true }
  }
}

function collectFacts(result: TaskResult): Vars | undefined {
  if (result.data.ansible_facts) return result.data.ansible_facts as Vars
  const items = result.data.results as Vars[] | undefined
  if (!items?.some((r) => r.ansible_facts)) return undefined
  return Object.assign({}, ...items.map((r) => (r.ansible_facts as Vars | undefined) ?? {}))
}

export function taskInfo(task: Task) {
  return { name: task.name ?? task.action, module: task.action, file: task.pos.file, line: task.pos.line }
}

function extendedLoop(items: unknown[], index: number): Vars {
  return {
    index: index + 1, index0: index, revindex: items.length - index, revindex0: items.length - index - 1,
    first: index === 0, last: index === items.length - 1, length: items.length,
    previtem: items[index - 1], nextitem: items[index + 1],
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
