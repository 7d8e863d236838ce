// Tasks the executor handles itself: include_tasks, include_vars, meta.
import { TsplayError } from '../errors.js'
import type { Task, Vars } from '../playbook/model.js'
import { evaluateCondition, render } from '../template/index.js'
import { taskInfo } from './run-task.js'
import { isActive, type HostState, type Scope } from './types.js'
import { taskVars } from './vars.js'
import type { Walker } from './walk.js'

type Action = (walker: Walker, task: Task, hosts: HostState[], scope: Scope) => Promise<void>

export function engineAction(name: string): Action | undefined {
  return name in actions ? actions[name as keyof typeof actions] : undefined
}

/** Hosts whose `when` holds; the others are reported skipped. */
function hostsWhere(walker: Walker, task: Task, hosts: HostState[], scope: Scope): Array<{ host: HostState; vars: Vars }> {
  const out: Array<{ host: HostState; vars: Vars }> = []
  for (const host of hosts) {
    const vars = taskVars(walker.ctx, host, scope)
    if (!scope.when.length || evaluateCondition(scope.when, vars, { where: task.keyPos.when ?? task.pos, task: task.name })) out.push({ host, vars })
    else {
      host.stats.skipped++
      walker.ctx.options.reporter.onHostResult({ host: host.name, task: taskInfo(task), result: { status: 'skipped', data: {} } })
    }
  }
  return out
}

function fail(walker: Walker, task: Task, host: HostState, error: unknown): void {
  const msg = error instanceof TsplayError ? error.describe() : error instanceof Error ? error.message : String(error)
  host.failed = true
  host.stats.failed++
  walker.ctx.options.reporter.onHostResult({ host: host.name, task: taskInfo(task), result: { status: 'failed', msg, data: {} } })
}

const actions = {
  /** Loads the file per host (its name may be a template); hosts that load the same file run it together. */
  async include_tasks(walker, task, hosts, scope) {
    const { reporter } = walker.ctx.options
    reporter.onTaskStart(taskInfo(task), hosts.map((h) => h.name))
    const byFile = new Map<string, HostState[]>()
    for (const { host, vars } of hostsWhere(walker, task, hosts, scope)) {
      try {
        const file = render(String(task.args.file ?? task.args._raw_params), vars, { where: task.pos, task: task.name })
        byFile.set(file, [...(byFile.get(file) ?? []), host])
        host.stats.ok++
        reporter.onHostResult({ host: host.name, task: taskInfo(task), result: { status: 'ok', msg: `included: ${file}`, data: {} } })
      } catch (error) {
        fail(walker, task, host, error)
      }
    }
    reporter.onTaskEnd(taskInfo(task))
    const params = (task.args.vars as Vars | undefined) ?? {}
    const inner: Scope = { ...scope, when: [], includeParams: { ...scope.includeParams, ...params } }
    for (const [file, group] of byFile) {
      const nodes = await walker.ctx.options.loadTasks(file, task.baseDir, task.role ?? scope.role)
      await walker.runNodes(nodes, group, inner)
    }
  },

  async include_vars(walker, task, hosts, scope) {
    const { reporter } = walker.ctx.options
    reporter.onTaskStart(taskInfo(task), hosts.map((h) => h.name))
    for (const { host, vars } of hostsWhere(walker, task, hosts, scope)) {
      try {
        const file = render(String(task.args.file ?? task.args._raw_params), vars, { where: task.pos, task: task.name })
        const loaded = await walker.ctx.options.loadVars(file, task.baseDir)
        const name = task.args.name === undefined ? undefined : String(task.args.name)
        Object.assign(host.includedVars, name ? { [name]: loaded } : loaded)
        host.stats.ok++
        reporter.onHostResult({ host: host.name, task: taskInfo(task), result: { status: 'ok', data: { ansible_included_var_files: [file] } } })
      } catch (error) {
        fail(walker, task, host, error)
      }
    }
    reporter.onTaskEnd(taskInfo(task))
  },

  async meta(walker, task, hosts, scope) {
    const action = String(task.args._raw_params ?? task.args.action ?? '')
    const ctx = walker.ctx
    switch (action) {
      case 'flush_handlers':
        return walker.flushHandlers(hosts)
      case 'end_play':
        for (const name of ctx.batch) ctx.hosts.get(name)!.ended = true
        return
      case 'end_host':
        for (const { host } of hostsWhere(walker, task, hosts, scope)) host.ended = true
        return
      case 'clear_facts':
        for (const h of hosts) h.facts = {}
        return
      case 'clear_host_errors':
        for (const name of ctx.batch) ctx.hosts.get(name)!.failed = false
        return
      case 'noop':
      case 'refresh_inventory':
        return
      default:
        for (const h of hosts.filter(isActive)) fail(walker, task, h, new Error(`meta: unknown action '${action}' (flush_handlers, end_play, end_host, clear_facts, clear_host_errors, noop)`))
    }
  },
} satisfies Record<string, Action>
