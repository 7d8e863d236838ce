// Roles: finding them on the search path, loading defaults/vars/meta/tasks/handlers, expanding meta
// dependencies (dependencies first, each role once per play unless its params differ or it sets
// allow_duplicates), and wrapping each use in a Block that carries the role's scope.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, type SourcePosition } from '../errors.js'
import { didYouMean } from '../util/did-you-mean.js'
import { FileCache, findMain, loadVarsFile } from './files.js'
import { commonKeywords, flag, type Raw } from './keywords.js'
import type { Block, Handler, Role, RoleInvocation, RoleRef, RoleScope, TaskNode } from './model.js'
import type { TaskContext } from './task.js'
import { normalizeTasks } from './task.js'
import { validateSchema } from './validate.js'
import type { SourceMap } from './yaml.js'

/** Keys of a role entry that are keywords; every other key is a role param. */
const REF_KEYWORDS = new Set(['role', 'name', 'when', 'tags', 'become', 'become_user', 'become_method', 'vars', 'environment', 'ignore_errors', 'delegate_to', 'run_once', 'no_log', 'check_mode'])

/** tsplay's own shipped roles (package root/roles), the same relative path from src/playbook and from dist/cli. */
const packageRoles = fileURLToPath(new URL('../../roles', import.meta.url))

function projectRoot(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git')) || existsSync(join(d, 'package.json'))) return d
    if (dirname(d) === d) return undefined
  }
}

/**
 * Where roles are looked up, in order: PLAYBOOK_DIR/roles, PLAYBOOK_DIR, extra dirs (--roles-path),
 * the project root's roles/ (nearest parent with .git or package.json), tsplay's shipped roles/.
 */
export function roleSearchPath(playbookDir: string, extra: string[] = []): string[] {
  const root = projectRoot(playbookDir)
  const dirs = [join(playbookDir, 'roles'), playbookDir, ...extra.map((d) => resolve(d)), ...(root ? [join(root, 'roles')] : []), packageRoles]
  return [...new Set(dirs.map((d) => resolve(d)))]
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory()
}

export function findRole(name: string, searchPath: string[], from: SourcePosition, baseDir: string): string {
  if (name.includes('/') || isAbsolute(name)) {
    const dir = resolve(baseDir, name)
    if (isDir(dir)) return dir
  } else {
    for (const dir of searchPath) if (isDir(join(dir, name))) return join(dir, name)
  }
  const known = searchPath.filter(isDir).flatMap((d) => readdirSync(d).filter((e) => isDir(join(d, e, 'tasks')) || isDir(join(d, e, 'meta'))))
  const near = didYouMean(name, known)
  const searched = searchPath.filter(isDir).join(', ') || '(no roles directory exists)'
  throw new ConfigError(`role '${name}' not found`, from, near ? `did you mean '${near}'?` : `searched ${searched}`)
}

export function parseRoleRef(raw: unknown, map: SourceMap, owner: unknown, index: number): RoleRef {
  if (typeof raw === 'string') {
    return { role: raw, params: {}, when: [], tags: [], vars: {}, pos: map.key(owner, index), keyPos: {} }
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
  searchPath: string[]
  /** Builds the TaskContext for a role's task/handler file. */
  taskContext(map: SourceMap, baseDir: string, role: RoleScope, handlers: boolean): TaskContext
}

function loadRole(dir: string, name: string, env: RoleEnv): Role {
  const defaultsFile = findMain(join(dir, 'defaults'))
  const varsFile = findMain(join(dir, 'vars'))
  const metaFile = findMain(join(dir, 'meta'))
  const meta: Role['meta'] = { dependencies: [], allow_duplicates: false }
  if (metaFile) {
    const { data, map } = env.files.read(metaFile)
    validateSchema('role-meta', data, map)
    const m = (data ?? {}) as Raw
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
  validateSchema('tasks', data, map)
  return normalizeTasks(data, env.taskContext(map, dirname(file), scope, handlers))
}

/** Expands a play's `roles:` into invocations (dependencies first) and the roles' handlers. */
export function expandRoles(refs: RoleRef[], baseDir: string, env: RoleEnv): { invocations: RoleInvocation[]; handlers: Handler[] } {
  const roles = new Map<string, Role>()
  const seen = new Set<string>()
  const invocations: RoleInvocation[] = []
  const handlers: Handler[] = []
  const handlersLoaded = new Set<string>()

  const visit = (ref: RoleRef, from: string, stack: string[], parent?: RoleRef, dependencyOf?: string) => {
    const dir = findRole(ref.role, env.searchPath, ref.pos, from)
    if (stack.includes(dir)) throw new ConfigError(`role dependency cycle: ${[...stack, dir].map((d) => d.split('/').at(-1)).join(' → ')}`, ref.pos)
    let role = roles.get(dir)
    if (!role) roles.set(dir, (role = loadRole(dir, ref.role.split('/').at(-1)!, env)))
    // A dependency inherits its parent's conditions and tags.
    const effective: RoleRef = parent ? { ...ref, when: [...parent.when, ...ref.when], tags: [...new Set([...parent.tags, ...ref.tags])] } : ref
    for (const dep of role.meta.dependencies) visit(dep, dir, [...stack, dir], effective, role.name)
    const key = `${dir}\0${JSON.stringify(ref.params)}`
    if (seen.has(key) && !role.meta.allow_duplicates) return
    seen.add(key)
    const scope: RoleScope = {
      name: role.name,
      path: dir,
      defaults: role.defaults,
      vars: role.vars,
      params: ref.params,
      searchPaths: ['files', 'templates', 'tasks', '.'].map((d) => resolve(dir, d)),
    }
    const tasks = taskFile(findMain(join(dir, 'tasks')), env, scope, false)
    const { role: _name, params: _params, ...keywords } = effective
    const block: Block = { ...keywords, name: undefined, kind: 'block', block: tasks, rescue: [], always: [], notify: [], role: scope }
    invocations.push({ role, ref: effective, block, ...(dependencyOf ? { dependencyOf } : {}) })
    if (!handlersLoaded.has(dir)) {
      handlersLoaded.add(dir)
      handlers.push(...(taskFile(findMain(join(dir, 'handlers')), env, scope, true) as Handler[]))
    }
  }
  for (const ref of refs) visit(ref, baseDir, [])
  return { invocations, handlers }
}
