// Tasks the executor handles itself: include_tasks, include_role, meta. Their results reach hosts
// through settle.ts like any module's.
import { TemplateError, TsplayError } from '../errors.js'
import { deleteFacts } from '../facts/cache.js'
import { loopItems, loopNames } from '../playbook/loop.js'
import type { Task, Vars } from '../playbook/model.js'
import { evaluateCondition, render, renderValue } from '../template/index.js'
import { looseBoolean } from '../util/boolean.js'
import { loopVarsOf } from './loop-vars.js'
import { extendScope } from './scope.js'
import { clearFailure, failHosts, finish, taskInfo } from './settle.js'
import { canRun, type HostState, type Scope, type TaskRunner } from './types.js'
import { templateContext } from './template-context.js'
import { taskVars } from './vars.js'

/** `scope` has the task's own keywords; `parent` is what encloses it (where included tasks start). */
type Action = (runner: TaskRunner, task: Task, hosts: HostState[], scope: Scope, parent: Scope) => Promise<void>

export function engineAction(name: string): Action | undefined {
  return name in actions ? actions[name as keyof typeof actions] : undefined
}

/** Hosts whose `when` holds, with their vars; the others are reported skipped, a bad template fails one. */
function hostsWhere(runner: TaskRunner, task: Task, hosts: HostState[], scope: Scope, report = true): Array<{ host: HostState; vars: Vars }> {
  const out: Array<{ host: HostState; vars: Vars }> = []
  for (const host of hosts) {
    try {
      const vars = taskVars(runner.ctx, host, scope)
      if (!scope.when.length || evaluateCondition(scope.when, vars, templateContext(runner.ctx, task, 'when'))) {
        out.push({ host, vars })
      } else if (report) {
        finish(runner.ctx, task, host, scope, { status: 'skipped', data: {} })
      }
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      failHosts(runner.ctx, task, [host], scope, error.describe())
    }
  }
  return out
}

function describe(error: unknown): string {
  return error instanceof TsplayError ? error.describe() : error instanceof Error ? error.message : String(error)
}

/** The loop variables of each time an include runs on one host: once without a loop, once per item with one. */
function loopRuns(runner: TaskRunner, task: Task, vars: Vars): Array<{ loopVars: Vars }> {
  if (task.loop === undefined) return [{ loopVars: {} }]
  const { loopVar, indexVar } = loopNames(task.loop_control, vars, templateContext(runner.ctx, task, 'loop_control'))
  const items = loopItems(task.loop, task.loop_with, vars, templateContext(runner.ctx, task, 'loop'))
  return items.map((item, index) => ({ loopVars: loopVarsOf(task, items, index, loopVar, indexVar) }))
}

/** The files an include_tasks loads on one host: one per loop item, with the loop variables. */
function includes(runner: TaskRunner, task: Task, vars: Vars): Array<{ file: string; loopVars: Vars }> {
  const at = templateContext(runner.ctx, task)
  return loopRuns(runner, task, vars).map(({ loopVars }) => ({ file: render(String(task.args.file ?? task.args._raw_params), { ...vars, ...loopVars }, at), loopVars }))
}

const actions = {
  /**
   * Loads the file per host (its name may be a template). Hosts that load the same file with the same
   * loop item run it together. Keywords of the include apply to the include only (Ansible's rule); its
   * `vars:` and the loop variable reach the included tasks as include params.
   */
  async include_tasks(runner, task, hosts, scope, parent) {
    const { reporter } = runner.ctx.options
    reporter.onTaskStart(taskInfo(task), hosts.map((h) => h.name))
    const runs = new Map<string, { file: string; loopVars: Vars; hosts: HostState[] }>()
    for (const { host, vars } of hostsWhere(runner, task, hosts, scope)) {
      try {
        for (const inc of includes(runner, task, vars)) {
          const key = JSON.stringify([inc.file, inc.loopVars])
          const run = runs.get(key) ?? { ...inc, hosts: [] }
          run.hosts.push(host)
          runs.set(key, run)
        }
        finish(runner.ctx, task, host, scope, { status: 'ok', data: {} }, false)
      } catch (error) {
        failHosts(runner.ctx, task, [host], scope, describe(error))
      }
    }
    for (const run of runs.values()) reporter.onIncluded?.(run.file, run.hosts.map((h) => h.name))
    reporter.onTaskEnd(taskInfo(task))
    for (const run of runs.values()) {
      const inner: Scope = { ...parent, includeParams: { ...parent.includeParams, ...task.vars, ...run.loopVars } }
      const nodes = await runner.ctx.options.loadTasks(run.file, task.baseDir, task.role ?? scope.role, runner.ctx.play.baseDir)
      await runner.runNodes(nodes, run.hosts.filter((h) => canRun(h, inner)), inner)
    }
  },

  /**
   * include_role: the role (its name and tasks_from & co. may be templates, and it may loop) loaded per
   * host and run like an include, its handlers joining the play's; `apply:` keywords reach every task of
   * the role; with `public: true` its vars and defaults stay visible to the tasks after it.
   */
  async include_role(runner, task, hosts, scope, parent) {
    const { ctx } = runner
    ctx.options.reporter.onTaskStart(taskInfo(task), hosts.map((h) => h.name))
    const runs = new Map<string, { name: string; args: Vars; loopVars: Vars; hosts: HostState[] }>()
    for (const { host, vars } of hostsWhere(runner, task, hosts, scope)) {
      try {
        for (const { loopVars } of loopRuns(runner, task, vars)) {
          const args = renderValue<Vars>(task.args, { ...vars, ...loopVars }, templateContext(ctx, task))
          const key = JSON.stringify([args, loopVars])
          const run = runs.get(key) ?? { name: String(args.name ?? ''), args, loopVars, hosts: [] }
          run.hosts.push(host)
          runs.set(key, run)
        }
        finish(ctx, task, host, scope, { status: 'ok', data: {} }, false)
      } catch (error) {
        failHosts(ctx, task, [host], scope, describe(error))
      }
    }
    for (const run of runs.values()) ctx.options.reporter.onIncluded?.(`role ${run.name}`, run.hosts.map((h) => h.name))
    ctx.options.reporter.onTaskEnd(taskInfo(task))
    for (const run of runs.values()) {
      const from = { baseDir: task.baseDir, role: task.role ?? scope.role, playbookDir: ctx.play.baseDir, where: task.pos }
      let included
      try {
        included = await ctx.options.loadRole(run.name, run.args, from)
      } catch (error) {
        failHosts(ctx, task, run.hosts, scope, describe(error))
        continue
      }
      for (const h of included.handlers) if (!ctx.play.handlers.includes(h)) ctx.play.handlers.push(h)
      if (looseBoolean(run.args.public)) for (const r of included.roles) if (!ctx.play.publicRoles.includes(r)) ctx.play.publicRoles.push(r)
      const inner: Scope = { ...parent, includeParams: { ...parent.includeParams, ...task.vars, ...run.loopVars } }
      const applied = task.apply ? extendScope(inner, task.apply) : inner
      await runner.runNodes(included.blocks, run.hosts.filter((h) => canRun(h, applied)), applied)
    }
  },

  /** meta actions; `when` decides per host, as in Ansible. */
  async meta(runner, task, hosts, scope) {
    const action = String(task.args._raw_params ?? task.args.action ?? '')
    const ctx = runner.ctx
    const chosen = () => hostsWhere(runner, task, hosts, scope, false).map((h) => h.host)
    switch (action) {
      case 'flush_handlers':
        return runner.flushHandlers(hosts)
      case 'end_play':
        if (chosen().length) {
          ctx.playState.ended = true
          for (const name of ctx.batch) ctx.hosts.get(name)!.ended = true
        }
        return
      case 'end_host':
        for (const host of chosen()) host.ended = true
        return
      case 'end_batch':
        if (chosen().length) for (const name of ctx.batch) ctx.hosts.get(name)!.ended = true
        return
      case 'reset_connection':
        await Promise.all(chosen().map((host) => ctx.resetConnection(host.name)))
        return
      case 'clear_facts':
        for (const host of chosen()) {
          host.facts = {}
          if (ctx.options.factCache) deleteFacts(ctx.options.factCache, host.name)
        }
        return
      case 'clear_host_errors':
        if (chosen().length) for (const name of ctx.batch) clearFailure(ctx.hosts.get(name)!)
        return
      case 'noop':
      case 'refresh_inventory':
        return
      default:
        failHosts(ctx, task, hosts.filter((h) => canRun(h, scope)), scope, `meta: unknown action '${action}' (flush_handlers, end_play, end_batch, end_host, clear_facts, clear_host_errors, reset_connection, refresh_inventory, noop)`)
    }
  },
} satisfies Record<string, Action>
