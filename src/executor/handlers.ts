// Handlers run once per notified host, in the order they are defined, at flush points
// (after pre_tasks, after roles+tasks, after post_tasks, and at `meta: flush_handlers`).
import type { Handler } from '../playbook/model.js'
import { isActive, type HostState, type Scope } from './types.js'
import type { Walker } from './walk.js'

export async function flushHandlers(walker: Walker, handlers: Handler[], hosts: HostState[], scope: Scope, force: boolean): Promise<void> {
  const eligible = (h: HostState) => (force ? !h.unreachable : isActive(h))
  // A handler may notify another: go round until nothing new was notified.
  for (let round = 0; round < 100 && hosts.some((h) => h.notified.size); round++) {
    let ran = false
    for (const handler of handlers) {
      const names = topics(handler)
      const targets = hosts.filter((h) => eligible(h) && names.some((n) => h.notified.has(n)))
      if (!targets.length) continue
      for (const h of targets) for (const n of names) h.notified.delete(n)
      ran = true
      const failedBefore = targets.filter((h) => h.failed)
      if (force) for (const h of targets) h.failed = false
      await walker.runTask(handler, targets, scope, true)
      if (force) for (const h of failedBefore) h.failed = true
    }
    if (!ran) break
  }
  const known = new Set(handlers.flatMap(topics))
  for (const h of hosts) {
    for (const name of h.notified) {
      if (!known.has(name)) walker.ctx.options.reporter.onWarning(`[${h.name}] notified handler '${name}' does not exist`)
    }
    h.notified.clear()
  }
}

function topics(handler: Handler): string[] {
  return handler.name === undefined ? handler.listen : [handler.name, ...handler.listen]
}
