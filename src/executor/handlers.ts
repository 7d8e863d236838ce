// Handlers: a notify names a handler or a `listen` topic; every handler it matches is queued on the
// host. A flush runs the queued handlers once, in the order they are defined (a handler notified by a
// later one waits for the next flush, as in ansible-core 2.14). Flush points: after pre_tasks, after
// roles + tasks, after post_tasks, and at `meta: flush_handlers`.
import { ConfigError } from '../errors.js'
import type { Handler, Play, TaskNode } from '../playbook/model.js'
import { isActive, type HostState, type Scope } from './types.js'
import type { Walker } from './walk.js'

export function handlersFor(name: string, handlers: Handler[]): Handler[] {
  return handlers.filter((h) => h.name === name || h.listen.includes(name))
}

export async function flushHandlers(walker: Walker, handlers: Handler[], hosts: HostState[], scope: Scope, force: boolean): Promise<void> {
  for (const handler of handlers) {
    const targets = hosts.filter((h) => h.notified.has(handler) && (force ? !h.unreachable : isActive(h)))
    if (!targets.length) continue
    for (const h of targets) h.notified.delete(handler)
    const failedBefore = targets.filter((h) => h.failed)
    if (force) for (const h of failedBefore) h.failed = false
    await walker.runTask(handler, targets, scope, 'handler')
    if (force) for (const h of failedBefore) h.failed = true
  }
}

/** A notify that names no handler is an error before anything runs, as in Ansible. */
export function checkNotifications(play: Play): void {
  const handlers = play.handlers
  const visit = (nodes: TaskNode[]): void => {
    for (const node of nodes) {
      for (const name of node.notify ?? []) {
        if (!name.includes('{{') && handlersFor(name, handlers).length === 0) {
          throw new ConfigError(`notify: no handler named '${name}' and none listens to it`, node.keyPos.notify ?? node.pos)
        }
      }
      if (node.kind === 'block') [node.block, node.rescue, node.always].forEach(visit)
    }
  }
  visit([...play.pre_tasks, ...play.roles.map((r) => r.block), ...play.tasks, ...play.post_tasks, ...handlers])
}
