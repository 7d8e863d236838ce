// Walks a play's task tree over a set of hosts. Linear strategy: every task runs on all active hosts
// (forks at a time) before the next starts. Free strategy calls this with one host at a time.
import type { LimitFunction } from 'p-limit'
import { TemplateError } from '../errors.js'
import type { Block, Task, TaskNode } from '../playbook/model.js'
import { engineAction } from './engine-actions.js'
import { flagValue } from './invoke.js'
import { failHosts, nameTask, runTaskOnHost, shareRunOnceResult, taskInfo } from './run-task.js'
import { extendScope, selectedByTags } from './scope.js'
import { startsHere } from './start-at.js'
import { isActive, type HostState, type Scope } from './types.js'
import { taskVars, type PlayContext } from './vars.js'

export type TaskKind = 'task' | 'handler' | 'facts'

export class Walker {
  /** Free strategy: print each task's banner once, not once per host. */
  private readonly announced = new Set<Task>()

  constructor(
    readonly ctx: PlayContext,
    readonly limit: LimitFunction,
    readonly flushHandlers: (hosts: HostState[]) => Promise<void>,
    readonly freeStrategy = false,
  ) {}

  async runNodes(nodes: TaskNode[], hosts: HostState[], scope: Scope): Promise<void> {
    for (const node of nodes) {
      if (!hosts.some(isActive) || this.ctx.playState.ended) return
      if (node.kind === 'block') await this.runBlock(node, hosts, scope)
      else await this.runTask(node, hosts, scope)
    }
  }

  private async runBlock(block: Block, hosts: HostState[], parent: Scope): Promise<void> {
    const scope = extendScope(parent, block)
    const entered = hosts.filter(isActive)
    const rescuable = block.rescue.length > 0
    if (rescuable) for (const h of entered) h.rescuing++
    try {
      await this.runNodes(block.block, entered, scope)
    } finally {
      if (rescuable) for (const h of entered) h.rescuing--
    }
    const failedHere = entered.filter((h) => h.failed && !h.unreachable)
    if (rescuable && failedHere.length) {
      for (const h of failedHere) {
        h.failed = false
        h.stats.failed--
        h.stats.rescued++
      }
      await this.runNodes(block.rescue, failedHere, scope)
    }
    if (block.always.length) {
      const stillFailed = entered.filter((h) => h.failed && !h.unreachable)
      for (const h of stillFailed) h.failed = false
      await this.runNodes(block.always, entered.filter((h) => !h.unreachable && !h.ended), scope)
      for (const h of stillFailed) h.failed = true
    }
  }

  async runTask(task: Task, hosts: HostState[], parent: Scope, kind: TaskKind = 'task'): Promise<void> {
    const scope = extendScope(parent, task)
    const { options, search } = this.ctx
    if (kind === 'task' && !selectedByTags(scope.tags, options.tags, options.skipTags)) return
    if (kind === 'task' && search.startAt !== undefined) {
      if (!startsHere(search.startAt, task)) return
      search.startAt = undefined
    }
    const active = hosts.filter(isActive)
    if (!active.length) return
    nameTask(task, this.ctx.playVars)
    const action = engineAction(task.action)
    if (action) return action(this, task, active, scope, parent)

    const info = { ...taskInfo(task), handler: kind === 'handler' }
    if (!this.freeStrategy || !this.announced.has(task)) {
      this.announced.add(task)
      options.reporter.onTaskStart(info, active.map((h) => h.name))
    }
    let runOnce = false
    try {
      runOnce = scope.run_once !== undefined && flagValue(scope.run_once, taskVars(this.ctx, active[0], scope), false, 'run_once')
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      failHosts(this.ctx, task, active, error.describe())
    }
    const targets = runOnce ? active.slice(0, 1) : active.filter(isActive)
    const outcomes = await Promise.all(targets.map((h) => this.limit(() => runTaskOnHost(this.ctx, task, h, scope))))
    if (runOnce && outcomes.length) shareRunOnceResult(task, active[0], active.slice(1), outcomes[0])
    options.reporter.onTaskEnd(info)
    this.applyFailurePolicy(scope, active)
  }

  /** any_errors_fatal and max_fail_percentage end the play; a failure a rescue will handle does not count. */
  private applyFailurePolicy(scope: Scope, ran: HostState[]): void {
    const lost = ran.filter((h) => (h.failed || h.unreachable) && h.rescuing === 0)
    if (!lost.length) return
    const batch = this.ctx.batch.map((n) => this.ctx.hosts.get(n)!)
    const fatal = flagValue(scope.any_errors_fatal, {}, false, 'any_errors_fatal')
    const pct = this.ctx.play.max_fail_percentage
    const failedShare = (batch.filter((h) => h.failed && h.rescuing === 0).length / batch.length) * 100
    if (fatal || (pct !== undefined && failedShare > Number(pct))) {
      this.ctx.playState.ended = true
      for (const h of batch) h.ended = true
      this.ctx.options.reporter.onWarning(
        fatal ? 'any_errors_fatal: a host failed, ending the play' : `max_fail_percentage ${pct}% exceeded (${failedShare.toFixed(0)}% failed), ending the play`,
      )
    }
  }
}
