// Keyword inheritance — the one place it is decided: a play's, block's, role's or include's keywords apply
// to every task inside it. The nearest level wins for single values (become*, delegate_to, connection…);
// `when` and `notify` accumulate, `tags` too, `vars` stack (outermost first) and `environment` layers merge
// per variable with the nearest winning, as Ansible's environment (extend, prepend) does; `module_defaults`
// stack the same way, each module's entry taken whole from the nearest level that names it.
import type { CommonKeywords, Play, RoleScope, Vars } from '../playbook/model.js'
import type { Scope } from './types.js'

const NEAREST_WINS = [
  'become', 'become_user', 'become_method', 'ignore_errors', 'ignore_unreachable', 'delegate_to', 'delegate_facts', 'run_once',
  'no_log', 'check_mode', 'diff', 'any_errors_fatal', 'remote_user', 'connection', 'throttle', 'timeout',
] as const

export function playScope(play: Play): Scope {
  return extendScope({ when: [], tags: [], vars: [], environment: [], moduleDefaults: [], includeParams: {}, notify: [] }, { ...play, when: [], vars: {} })
}

/** The scope for the children of `node` (a block) or for running `node` (a task). */
export function extendScope(scope: Scope, node: CommonKeywords & { notify?: string[]; role?: RoleScope; pos?: { file: string }; includeParams?: Vars }): Scope {
  const next: Scope = {
    ...scope,
    when: node.when.length ? [...scope.when, ...node.when] : scope.when,
    tags: node.tags.length ? [...scope.tags, ...node.tags] : scope.tags,
    vars: Object.keys(node.vars).length ? [...scope.vars, node.vars] : scope.vars,
    environment: node.environment !== undefined ? [...scope.environment, node.environment] : scope.environment,
    moduleDefaults: node.module_defaults?.length ? [...scope.moduleDefaults, ...node.module_defaults] : scope.moduleDefaults,
    notify: node.notify?.length ? [...scope.notify, ...node.notify] : scope.notify,
  }
  if (node.role) next.role = node.role
  if (node.includeParams) next.includeParams = { ...scope.includeParams, ...node.includeParams }
  if (node.pos) next.file = node.pos.file
  const source = node as unknown as Record<string, unknown>
  for (const key of NEAREST_WINS) if (source[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = source[key]
  return next
}

/** Ansible's tag selection (Taggable.evaluate_tags): `always` runs unless skipped by name, `never` only when asked for. */
export function selectedByTags(taskTags: string[], only: string[], skip: string[]): boolean {
  const tags = new Set(taskTags.length ? taskTags : ['untagged'])
  const untagged = taskTags.length === 0
  const wanted = only.length ? only : ['all']
  const selected =
    tags.has('always') ||
    (wanted.includes('all') && !tags.has('never')) ||
    wanted.some((t) => tags.has(t)) ||
    (wanted.includes('tagged') && !untagged && !tags.has('never'))
  if (!selected || !skip.length) return selected
  if (skip.includes('all')) return tags.has('always') && !skip.includes('always')
  if (skip.some((t) => tags.has(t))) return false
  return !(skip.includes('tagged') && !untagged)
}
