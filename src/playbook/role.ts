// Roles: finding them on the search path, loading defaults/vars/meta/tasks/handlers, expanding meta
// dependencies (dependencies first, each role once per play unless its params differ or it sets
// allow_duplicates), and wrapping each use in a Block that carries the role's scope.
import { ansibleConfig } from '../config/load.js'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { ConfigError, type SourcePosition } from '../errors.js'
import { didYouMean } from '../util/did-you-mean.js'
import { FileCache, findMain, loadVarsFile } from './files.js'
import { commonKeywords, flag, type Raw } from './keywords.js'
import type { Block, Handler, Role, RoleInvocation, RoleRef, RoleScope, TaskNode, Vars } from './model.js'
import { handlerTasks } from './notify.js'
import type { Problems } from './problems.js'
import type { TaskContext } from './task.js'
import { normalizeTasks } from './task.js'
import type { SourceMap } from './yaml.js'

/** Keys of a role entry that are keywords; every other key is a role param. */
const REF_KEYWORDS = new Set([
  'role', 'name', 'when', 'tags', 'become', 'become_user', 'become_method', 'vars', 'environment', 'ignore_errors', 'ignore_unreachable',
  'delegate_to', 'run_once', 'no_log', 'check_mode', 'diff', 'any_errors_fatal', 'remote_user', 'connection', 'module_defaults',
])


/**
 * Where roles are looked up, in Ansible's order: PLAYBOOK_DIR/roles, the roles path (--roles-path
 * entries, then roles_path of ansible.cfg / ANSIBLE_ROLES_PATH, or Ansible's defaults), then PLAYBOOK_DIR itself. tsplay's own roles
 * are found only where one of these points at them (its playbooks/ has a roles link to ../roles).
 */
export function roleSearchPath(playbookDir: string, extra: string[] = []): string[] {
  const dirs = [join(playbookDir, 'roles'), ...extra, ...ansibleConfig().get<string[]>('DEFAULT_ROLES_PATH'), playbookDir]
  return [...new Set(dirs.map((d) => resolve(d)))]
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory()
}

/**
 * The directory of role `name`: the first search path entry that has it (a dependency also looks beside
 * the role that needs it, `parentDir`), else `name` as a path. Not found: an error listing every place
 * searched, as Ansible's does.
 */
export function findRole(name: string, searchPath: string[], from: SourcePosition, parentDir?: string): string {
  const searched = parentDir ? [...searchPath.slice(0, -1), parentDir, searchPath.at(-1)!] : searchPath
  for (const dir of searched) if (isDir(resolve(dir, name))) return resolve(dir, name)
  if (isDir(resolve(name))) return resolve(name)
  const known = searched.filter(isDir).flatMap((d) => readdirSync(d).filter((e) => isDir(join(d, e, 'tasks')) || isDir(join(d, e, 'meta'))))
  const near = didYouMean(name, known)
  throw new ConfigError(`the role '${name}' was not found in ${searched.join(':')}`, from, near ? `did you mean '${near}'?` : undefined)
}

export function parseRoleRef(raw: unknown, map: SourceMap, owner: unknown, index: number): RoleRef {
  if (typeof raw === 'string') {
    return { role: raw, params: {}, when: [], tags: [], vars: {}, pos: map.key(owner, index), keyPos: {}, valuePos: {} }
  }
  const r = raw as Raw
  const common = commonKeywords(r, map)
  const params: Raw = {}
  for (const [k, v] of Object.entries(r)) if (!REF_KEYWORDS.has(k)) params[k] = v
  // `vars:` on a role entry acts as params (Ansible gives them the same precedence).
  return { ...common, name: undefined, role: String(r.role ?? r.name), params: { ...common.vars, ...params }, vars: {} }
}

export interface RoleEnv {
  files: FileCache
  problems: Problems
  searchPath: string[]
  /** Builds the TaskContext for a role's task/handler file. */
  taskContext(map: SourceMap, baseDir: string, role: RoleScope, handlers: boolean): TaskContext
}

/** Which of a role's files a use of it reads (include_role/import_role's tasks_from, vars_from, …); main by default. */
export interface RoleFiles {
  tasksFrom?: string
  varsFrom?: string
  defaultsFrom?: string
  handlersFrom?: string
}

/** `main`, `other` or `other.yml` in a role's subdirectory → the file, or undefined when there is none. */
function roleFile(dir: string, sub: string, name = 'main', from?: SourcePosition): string | undefined {
  const found = /\.ya?ml$/.test(name) ? (existsSync(join(dir, sub, name)) ? join(dir, sub, name) : undefined) : findMain(join(dir, sub), name)
  if (!found && name !== 'main') throw new ConfigError(`role ${sub} file '${name}' not found in ${join(dir, sub)}`, from)
  return found
}

function loadRole(dir: string, name: string, env: RoleEnv, files: RoleFiles = {}, from?: SourcePosition): Role {
  const defaultsFile = roleFile(dir, 'defaults', files.defaultsFrom, from)
  const varsFile = roleFile(dir, 'vars', files.varsFrom, from)
  const metaFile = findMain(join(dir, 'meta'))
  const meta: Role['meta'] = { dependencies: [], allow_duplicates: false }
  if (metaFile) {
    const { data, map } = env.files.read(metaFile)
    const m = (env.problems.schema('role-meta', data, map) ? (data ?? {}) : {}) as Raw
    meta.dependencies = ((m.dependencies as unknown[]) ?? []).map((d, i) => parseRoleRef(d, map, m.dependencies, i))
    meta.allow_duplicates = flag(m.allow_duplicates, 'allow_duplicates', map.key(m, 'allow_duplicates')) === true
  }
  return {
    name,
    path: dir,
    defaults: defaultsFile ? loadVarsFile(defaultsFile, undefined, env.files) : {},
    vars: varsFile ? loadVarsFile(varsFile, undefined, env.files) : {},
    meta,
  }
}

function taskFile(file: string | undefined, env: RoleEnv, scope: RoleScope, handlers: boolean): TaskNode[] {
  if (!file) return []
  const { data, map } = env.files.read(file)
  if (!env.problems.schema('tasks', data, map)) return []
  return normalizeTasks(data, env.taskContext(map, dirname(file), scope, handlers))
}

/** A role used by a task (include_role, import_role): which files, and whether it may run again with the same params. */
export interface RoleUse extends RoleFiles {
  /** include_role/import_role run a role again by default (Ansible's allow_duplicates: true there). */
  allowDuplicates?: boolean
}

/** Expands a play's `roles:` (or one task's role) into invocations, dependencies first, and the roles' handlers. */
export function expandRoles(refs: RoleRef[], env: RoleEnv, use: RoleUse = {}, parentDir?: string): { invocations: RoleInvocation[]; handlers: Handler[] } {
  const roles = new Map<string, Role>()
  const seen = new Set<string>()
  const invocations: RoleInvocation[] = []
  const handlers: Handler[] = []
  const handlersLoaded = new Set<string>()

  const visit = (ref: RoleRef, parentDir: string | undefined, stack: string[], parent?: RoleRef, dependencyOf?: string) => {
    const dir = findRole(ref.role, env.searchPath, ref.pos, parentDir)
    if (stack.includes(dir)) throw new ConfigError(`role dependency cycle: ${[...stack, dir].map((d) => d.split('/').at(-1)).join(' → ')}`, ref.pos)
    const files: RoleFiles = stack.length === 0 ? use : {} // tasks_from & co. name the used role's files, not its dependencies'
    const cacheKey = `${dir}\0${files.varsFrom ?? ''}\0${files.defaultsFrom ?? ''}`
    let role = roles.get(cacheKey)
    if (!role) roles.set(cacheKey, (role = loadRole(dir, ref.role.split('/').at(-1)!, env, files, ref.pos)))
    // A dependency inherits its parent's conditions and tags.
    const effective: RoleRef = parent ? { ...ref, when: [...parent.when, ...ref.when], tags: [...new Set([...parent.tags, ...ref.tags])] } : ref
    for (const dep of role.meta.dependencies) visit(dep, dirname(dir), [...stack, dir], effective, role.name)
    const key = `${dir}\0${JSON.stringify(ref.params)}`
    const duplicatesAllowed = stack.length === 0 && use.allowDuplicates !== undefined ? use.allowDuplicates : role.meta.allow_duplicates
    if (seen.has(key) && !duplicatesAllowed) return
    seen.add(key)
    const scope: RoleScope = {
      name: role.name,
      path: dir,
      defaults: role.defaults,
      vars: role.vars,
      params: ref.params,
      searchPaths: ['files', 'templates', 'tasks', '.'].map((d) => resolve(dir, d)),
    }
    const tasks = taskFile(roleFile(dir, 'tasks', files.tasksFrom, ref.pos), env, scope, false)
    const { role: _name, params: _params, ...keywords } = effective
    const block: Block = { ...keywords, name: undefined, kind: 'block', block: tasks, rescue: [], always: [], notify: [], role: scope }
    invocations.push({ role, ref: effective, block, ...(dependencyOf ? { dependencyOf } : {}) })
    if (!handlersLoaded.has(dir)) {
      handlersLoaded.add(dir)
      handlers.push(...handlerTasks(taskFile(roleFile(dir, 'handlers', files.handlersFrom, ref.pos), env, scope, true)))
    }
  }
  for (const ref of refs) env.problems.attempt(() => visit(ref, parentDir, []), undefined)
  return { invocations, handlers }
}

/** The role an include_role/import_role names (its `name`, already templated), as a role entry with no keywords. */
export function roleRefOf(args: Vars, name: string, where: SourcePosition): RoleRef {
  if (!name) throw new ConfigError("include_role/import_role needs 'name'", where)
  return { role: name, params: {}, when: [], tags: [], vars: {}, pos: where, keyPos: {}, valuePos: {} }
}

/** tasks_from, vars_from, defaults_from, handlers_from and allow_duplicates (true unless said) of an include_role/import_role. */
export function roleUseOf(args: Vars, where: SourcePosition): RoleUse {
  const text = (key: string) => (args[key] === undefined || args[key] === null ? undefined : String(args[key]))
  const allow = args.allow_duplicates === undefined ? true : flag(args.allow_duplicates, 'allow_duplicates', where) !== false
  return { tasksFrom: text('tasks_from'), varsFrom: text('vars_from'), defaultsFrom: text('defaults_from'), handlersFrom: text('handlers_from'), allowDuplicates: allow }
}
