// Walking a play's task tree in run order (what a task inherits from its levels: executor/scope.ts).
import type { Block, Play, Task, TaskNode } from './model.js'

export interface TaskInContext {
  task: Task
  /** Enclosing blocks, outermost first (role wrappers and imports included). */
  blocks: Block[]
  section: 'pre_tasks' | 'roles' | 'tasks' | 'post_tasks' | 'handlers'
}

function* walk(nodes: TaskNode[], blocks: Block[], section: TaskInContext['section']): Generator<TaskInContext> {
  for (const node of nodes) {
    if (node.kind === 'task') yield { task: node, blocks, section }
    else for (const list of [node.block, node.rescue, node.always]) yield* walk(list, [...blocks, node], section)
  }
}

/** Every task of a play in run order (pre_tasks, roles, tasks, post_tasks), then the handlers. */
export function* playTasks(play: Play, withHandlers = true): Generator<TaskInContext> {
  yield* walk(play.pre_tasks, [], 'pre_tasks')
  for (const invocation of play.roles) yield* walk([invocation.block], [], 'roles')
  yield* walk(play.tasks, [], 'tasks')
  yield* walk(play.post_tasks, [], 'post_tasks')
  if (withHandlers) yield* walk(play.handlers, [], 'handlers')
}
