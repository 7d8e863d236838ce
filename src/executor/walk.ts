// Walks a play's task tree over a set of hosts. Linear strategy: every task runs on all active hosts
// (forks at a time) before the next starts. Free strategy calls this with one host at a time.
import type { LimitFunction } from 'p-limit'
import type { Block, Task, TaskNode } from '../playbook/model.js'
import { engineAction } from './engine-actions.js'
import { flagValue } from './invoke.js'
import { runTaskOnHost, taskInfo } from './run-task.js'
import { extendScope, selectedByTags } from './scope.js'
import { isActive, type HostState, type Scope } from './types.js'
import { taskVars, type PlayContext } from './vars.js'

export class Walker {
  private startAt: string | undefined
  /** Free strategy: print each task's banner once, not once per host. */
  private readonly announced = new Set<Task>()

  constructor(
    readonly ctx: PlayContext,
    readonly limit: LimitFunction,
    readonly flushHandlers: (hosts: HostState[]) => Promise<void>,
    readonly freeStrategy = false,
  ) {
    this.startAt = ctx.options.startAtTask
  }

  async runNodes(nodes: TaskNode[], hosts: HostState[], scope: Scope): Promise<void> {
    for (const node of nodes) {
      if (!hosts.some(isActive)) return
      if (node.kind === 'block') await this.runBlock(node, hosts, scope)
      else await this.runTask(node, hosts, scope)
    }
  }

  private async runBlock(block: Block, hosts: HostState[], parent: Scope): Promise<void> {
    const scope = extendScope(parent, block)
    const entered = hosts.filter(isActive)
    await this.runNodes(block.block, entered, scope)
    const failedHere = entered.filter((h) => h.failed && !h.unreachable)
    if (block.rescue.length && failedHere.length) {
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
      await this.runNodes(block.always, entered, scope)
      for (const h of stillFailed) h.failed = true
    }
  }

  async runTask(task: Task, hosts: HostState[], parent: Scope, handler = false): Promise<void> {
    const scope = extendScope(parent, task)
    const { options } = this.ctx
    if (!handler && !selectedByTags(scope.tags, options.tags, options.skipTags)) return
    if (!handler && this.startAt !== undefined) {
      if (task.name !== this.startAt) return
      this.startAt = undefined
    }
    const active = hosts.filter(isActive)
    if (!active.length) return
    const action = engineAction(task.action)
    if (action) return action(this, task, active, scope)

    const info = { ...taskInfo(task), handler }
    if (!this.freeStrategy || !this.announced.has(task)) {
      this.announced.add(task)
      options.reporter.onTaskStart(info, active.map((h) => h.name))
    }
    const runOnce = flagValue(scope.run_once, taskVars(this.ctx, active[0], scope), false)
    const targets = runOnce ? active.slice(0, 1) : active
    const before = new Set(active.filter((h) => h.failed))
    await Promise.all(targets.map((h) => this.limit(() => runTaskOnHost(this.ctx, task, h, scope))))
    if (runOnce && task.register) for (const h of active.slice(1)) h.hostFacts[task.register] = active[0].hostFacts[task.register]
    options.reporter.onTaskEnd(info)
    this.applyFailurePolicy(scope, active, before)
  }

  /** any_errors_fatal and max_fail_percentage end the play for the whole batch. */
  private applyFailurePolicy(scope: Scope, hosts: HostState[], failedBefore: Set<HostState>): void {
    const newlyFailed = hosts.filter((h) => (h.failed || h.unreachable) && !failedBefore.has(h))
    if (!newlyFailed.length) return
    const batch = this.ctx.batch.map((n) => this.ctx.hosts.get(n)!)
    const fatal = flagValue(scope.any_errors_fatal, {}, false)
    const pct = this.ctx.play.max_fail_percentage
    const failedShare = (batch.filter((h) => h.failed || h.unreachable).length / batch.length) * 100
    if (fatal || (pct !== undefined && failedShare > Number(pct))) {
      for (const h of batch) h.ended = true
      this.ctx.options.reporter.onWarning(fatal ? 'any_errors_fatal: a host failed, ending the play' : `max_fail_percentage ${pct}% exceeded (${failedShare.toFixed(0)}% failed), ending the play`)
    }
  }
}
