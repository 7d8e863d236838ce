// Walks a play's task tree over a set of hosts. Linear strategy: every task runs on all hosts that can
// still run (forks at a time) before the next starts. Free strategy calls this with one host at a time.
// Results reach hosts through settle.ts; this file only decides which hosts run what.
import pLimit, { type LimitFunction } from 'p-limit'
import { TemplateError } from '../errors.js'
import { renderValue } from '../template/index.js'
import type { Block, Handler, Task, TaskNode } from '../playbook/model.js'
import type { TaskInfo } from './events.js'
import { engineAction } from './engine-actions.js'
import { flagValue } from './invoke.js'
import { runTaskOnHost } from './run-task.js'
import { extendScope, selectedByTags } from './scope.js'
import { failHosts, nameTask, rescue, shareRunOnceResult, taskInfo } from './settle.js'
import { startsHere } from './start-at.js'
import { canRun, type HostState, type PlayContext, type Scope, type TaskKind, type TaskRunner } from './types.js'
import { taskVars } from './vars.js'

export class Walker implements TaskRunner {
  /** Free strategy: print each task's banner once, not once per host. */
  private readonly announced = new Set<Task>()
  private readonly stepAnswers = new Map<Task, Promise<boolean>>()

  constructor(
    readonly ctx: PlayContext,
    readonly limit: LimitFunction,
    /** The play's scope: where handlers run. */
    private readonly playScope: Scope,
    private readonly forceHandlers: boolean,
    readonly freeStrategy = false,
  ) {}

  /** SIGINT/SIGTERM: nothing starts after it (run-state.ts stops what runs). */
  private get stopped(): boolean {
    return this.ctx.options.signal?.aborted === true
  }

  async runNodes(nodes: TaskNode[], hosts: HostState[], scope: Scope): Promise<void> {
    for (const node of nodes) {
      if (!hosts.some((h) => canRun(h, scope)) || this.ctx.playState.ended || this.stopped) return
      if (node.kind === 'block') await this.runBlock(node, hosts, scope)
      else await this.runTask(node, hosts, scope)
    }
  }

  private async runBlock(block: Block, hosts: HostState[], parent: Scope): Promise<void> {
    const scope = extendScope(parent, block)
    const entered = hosts.filter((h) => canRun(h, scope))
    const atEntry = new Map(entered.map((h) => [h, { serial: h.failureSerial, failed: h.failed }]))
    const failedHere = () => entered.filter((h) => h.failed && !h.unreachable && h.failureSerial !== atEntry.get(h)!.serial)
    const rescuable = block.rescue.length > 0
    const guarded = block.always.length > 0
    for (const h of entered) {
      if (rescuable) h.rescuing++
      if (guarded) h.guarded++
    }
    try {
      await this.runNodes(block.block, entered, scope)
    } finally {
      if (rescuable) for (const h of entered) h.rescuing--
    }
    const toRescue = rescuable ? failedHere() : []
    if (toRescue.length) {
      for (const h of toRescue) rescue(h, atEntry.get(h)!.serial, atEntry.get(h)!.failed)
      await this.runNodes(block.rescue, toRescue, scope)
    }
    if (guarded) for (const h of entered) h.guarded--
    if (block.always.length) {
      // always: runs on every host that entered, a failed one included until it fails again
      const tolerated = new Map(scope.tolerated)
      for (const h of entered) if (h.failed) tolerated.set(h, h.failureSerial)
      await this.runNodes(block.always, entered, { ...scope, tolerated })
    }
  }

  async runTask(task: Task, hosts: HostState[], parent: Scope, kind: TaskKind = 'task'): Promise<void> {
    const scope = extendScope(parent, task)
    const { options, search } = this.ctx
    if (this.stopped) return
    if (kind === 'task' && !selectedByTags(scope.tags, options.tags, options.skipTags)) return
    if (kind === 'task' && search.startAt !== undefined) {
      if (!startsHere(search.startAt, task)) return
      search.startAt = undefined
    }
    const active = hosts.filter((h) => canRun(h, scope))
    if (!active.length) return
    nameTask(task, () => taskVars(this.ctx, active[0], scope))
    const action = engineAction(task.action)
    if (action) return action(this, task, active, scope, parent)

    const info = { ...taskInfo(task), handler: kind === 'handler' }
    if (options.step && kind !== 'facts' && !(await this.takeStep(task, info))) return
    if (!this.freeStrategy || !this.announced.has(task)) {
      this.announced.add(task)
      options.reporter.onTaskStart(info, active.map((h) => h.name))
    }
    let runOnce = false
    try {
      runOnce = scope.run_once !== undefined && flagValue(scope.run_once, taskVars(this.ctx, active[0], scope), false, 'run_once')
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      failHosts(this.ctx, task, active, scope, error.describe())
    }
    const bypass = options.modules[task.action]?.bypassHostLoop === true
    const targets = runOnce || bypass ? active.slice(0, 1) : active.filter((h) => canRun(h, scope))
    const limit = this.throttled(scope, targets[0])
    // a host still waiting for a fork when the run is stopped does not start the task
    const outcomes = await Promise.all(targets.map((h) => limit(() => (this.stopped ? Promise.resolve(undefined) : runTaskOnHost(this.ctx, task, h, scope)))))
    if (runOnce && outcomes[0]) shareRunOnceResult(task, active[0], active.slice(1), outcomes[0])
    options.reporter.onTaskEnd(info)
    this.applyFailurePolicy(scope, active)
  }

  /** forks, or throttle: when it is lower (rendered with the first host's variables). */
  private throttled(scope: Scope, first: HostState | undefined): <T>(fn: () => Promise<T>) => Promise<T> {
    const forks = <T>(fn: () => Promise<T>) => this.limit(fn)
    if (scope.throttle === undefined || !first) return forks
    const throttle = Number(renderValue(scope.throttle, taskVars(this.ctx, first, scope)))
    if (!(throttle > 0)) return forks
    const own = pLimit(throttle)
    return (fn) => own(() => this.limit(fn))
  }

  /** --step: the user's answer for this task (the free strategy asks once per task, not per host). */
  private takeStep(task: Task, info: TaskInfo): Promise<boolean> {
    let answer = this.freeStrategy ? this.stepAnswers.get(task) : undefined
    if (!answer) {
      answer = this.ctx.options.step!(info)
      if (this.freeStrategy) this.stepAnswers.set(task, answer)
    }
    return answer
  }

  /**
   * Runs the handlers notified on `hosts`, each once, in the order they are defined. With force_handlers
   * a host that failed still runs its handlers (until a handler fails on it).
   */
  async flushHandlers(hosts: HostState[]): Promise<void> {
    for (const handler of this.ctx.play.handlers) await this.runHandler(handler, hosts)
  }

  private async runHandler(handler: Handler, hosts: HostState[]): Promise<void> {
    const tolerated = new Map(this.playScope.tolerated)
    const targets = hosts.filter((h) => {
      if (!h.notified.has(handler)) return false
      if (this.forceHandlers && h.failed && !h.unreachable) tolerated.set(h, h.failureSerial)
      return canRun(h, { tolerated })
    })
    if (!targets.length) return
    for (const h of targets) h.notified.delete(handler)
    const scope = (handler.parents ?? []).reduce<Scope>((s, block) => extendScope(s, block), { ...this.playScope, tolerated })
    await this.runTask(handler, targets, scope, 'handler')
  }

  /**
   * any_errors_fatal and max_fail_percentage end the play; a failure a rescue will handle does not count,
   * and any_errors_fatal also lets an enclosing always: section run first, as Ansible does.
   */
  private applyFailurePolicy(scope: Scope, ran: HostState[]): void {
    const lost = ran.filter((h) => (h.failed || h.unreachable) && h.rescuing === 0)
    if (!lost.length) return
    const batch = this.ctx.batch.map((n) => this.ctx.hosts.get(n)!)
    const fatal = flagValue(scope.any_errors_fatal, {}, this.ctx.options.anyErrorsFatal === true, 'any_errors_fatal') && lost.some((h) => h.guarded === 0)
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
