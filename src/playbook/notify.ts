// Which handlers a notify reaches: those named like it and those that `listen` to it. The loader refuses
// a notify that reaches none (as Ansible does before running); the executor queues what it reaches
// (executor/settle.ts) and flushes the queue (executor/walk.ts).
import { ConfigError } from '../errors.js'
import type { Handler, Play, RoleScope, TaskNode } from './model.js'

/**
 * The handlers a notify reaches. When the same role was brought in more than once (an import_role and an
 * include_role of it), a task of one of them notifies that one's own handlers, as in Ansible.
 */
export function handlersFor(name: string, handlers: Handler[], from?: RoleScope): Handler[] {
  const named = handlers.filter((h) => h.name === name || h.listen.includes(name))
  const own = from ? named.filter((h) => h.role === from) : []
  return own.length ? own : named
}

/** Where a notify names no handler (a template is only known per host): Ansible refuses these before running. */
export function unknownNotifications(play: Play): ConfigError[] {
  const handlers = play.handlers
  const problems: ConfigError[] = []
  const visit = (nodes: TaskNode[]): void => {
    for (const node of nodes) {
      for (const name of node.notify ?? []) {
        if (!name.includes('{{') && handlersFor(name, handlers).length === 0) {
          problems.push(new ConfigError(`notify: no handler named '${name}' and none listens to it`, node.keyPos.notify ?? node.pos))
        }
      }
      if (node.kind === 'block') [node.block, node.rescue, node.always].forEach(visit)
    }
  }
  visit([...play.pre_tasks, ...play.roles.map((r) => r.block), ...play.tasks, ...play.post_tasks, ...handlers])
  return problems
}
