// Walking the task tree, and the keywords a task inherits from its play and enclosing blocks.
import type { SourcePosition } from '../errors.js'
import type { Block, CommonKeywords, Condition, Flag, Play, RoleScope, Task, TaskNode } from './model.js'

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

export interface PositionedCondition {
  condition: Condition
  where: SourcePosition
}

type Nearest = Pick<
  CommonKeywords,
  'become' | 'become_user' | 'become_method' | 'ignore_errors' | 'ignore_unreachable' | 'delegate_to' | 'run_once' | 'no_log' | 'check_mode' | 'diff' | 'any_errors_fatal' | 'remote_user' | 'connection'
>

export interface EffectiveKeywords extends Nearest {
  /** Play, block and task `when`s, outermost first: all must hold. */
  when: PositionedCondition[]
  /** Union of play, block and task tags. */
  tags: string[]
  /** Environment layers to render and merge, outermost first. */
  environment: (Record<string, unknown> | string)[]
  /** Block vars, outermost first (ScopeLayers.blockVars). */
  blockVars: Record<string, unknown>[]
  role?: RoleScope
}

const NEAREST: (keyof Nearest)[] = ['become', 'become_user', 'become_method', 'ignore_errors', 'ignore_unreachable', 'delegate_to', 'run_once', 'no_log', 'check_mode', 'diff', 'any_errors_fatal', 'remote_user', 'connection']

/** What applies to `task` once its play's and blocks' keywords are inherited (the nearest wins). */
export function effectiveKeywords(play: Play, blocks: Block[], task: Task): EffectiveKeywords {
  const chain: (CommonKeywords & { keyPos: Record<string, SourcePosition>; pos: SourcePosition })[] = [play, ...blocks, task]
  const out: EffectiveKeywords = { when: [], tags: [], environment: [], blockVars: blocks.map((b) => b.vars) }
  const tags = new Set<string>()
  for (const level of chain) {
    for (const condition of level.when) out.when.push({ condition, where: level.keyPos.when ?? level.pos })
    for (const t of level.tags) tags.add(t)
    if (level.environment !== undefined) out.environment.push(level.environment)
    for (const key of NEAREST) if (level[key] !== undefined) (out as unknown as Record<string, Flag | undefined>)[key] = level[key]
  }
  out.tags = [...tags]
  out.role = task.role ?? [...blocks].reverse().find((b) => b.role)?.role
  return out
}
