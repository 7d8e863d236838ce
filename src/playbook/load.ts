// Playbook YAML → model (model.ts). Everything static is resolved here: import_playbook,
// import_tasks, roles (with meta dependencies) and static vars_files; `include_tasks` stays a task
// (action 'include_tasks') that the executor loads at run time with loadTaskFile().
// Every node keeps its file:line (pos, keyPos). Schemas are checked first (validate.ts), then module
// names and arguments (task.ts), then template syntax, so the first error is the earliest problem.
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { ConfigError, type SourcePosition } from '../errors.js'
import { render } from '../template/index.js'
import { Catalog, type ModuleCatalog } from './catalog.js'
import { FileCache, displayPath, loadVarsFile } from './files.js'
import type { VaultKeyring } from '../vault/keyring.js'
import { commonKeywords, flag, stringList, type Raw } from './keywords.js'
import type { Handler, Play, Playbook, Role, RoleScope, TaskNode, Vars, VarsFile } from './model.js'
import { expandRoles, parseRoleRef, roleRefOf, roleSearchPath, roleUseOf, type RoleEnv } from './role.js'
import { handlerTasks, unknownNotifications } from './notify.js'
import { Problems } from './problems.js'
import { normalizeTasks, type TaskContext } from './task.js'
import type { SourceMap } from './yaml.js'

export interface LoadOptions {
  /** Known modules: `modules` from src/modules/index.ts, or names. Without it, any key is accepted as a module. */
  modules?: ModuleCatalog
  /** Extra role directories, searched after the playbook's own. */
  rolesPath?: string[]
  /** -e variables: usable in import_tasks / vars_files paths at load time. */
  extraVars?: Vars
  /** Decrypts vault files and `!vault` values in playbooks, task files, vars files and roles. */
  keyring?: VaultKeyring
}

class Loader {
  readonly files: FileCache
  readonly catalog: Catalog
  readonly problems: Problems
  private readonly importing: string[] = []
  /** Vars usable in static paths of the play being loaded (play vars + extra vars). */
  private staticVars: Vars = {}
  /** The play being loaded: where import_role finds roles and leaves handlers and public roles. */
  private current?: { env: RoleEnv; handlers: Handler[]; roles: Role[] }

  constructor(
    private readonly options: LoadOptions,
    collectProblems = false,
  ) {
    this.catalog = new Catalog(options.modules)
    this.files = new FileCache(options.keyring)
    this.problems = new Problems(collectProblems)
  }

  playbook(file: string, from?: SourcePosition, inherited?: Raw): Play[] {
    const abs = resolve(file)
    if (this.importing.includes(abs)) throw new ConfigError(`import_playbook cycle: ${[...this.importing, abs].map(displayPath).join(' → ')}`, from)
    const { data, map } = this.files.read(file, from, 'playbook')
    if (data === null || data === undefined) throw new ConfigError('playbook is empty: expected a list of plays', { file })
    if (!this.problems.schema('playbook', data, map)) return []
    this.importing.push(abs)
    try {
      return (data as Raw[]).flatMap((entry) => {
        const target = entry.import_playbook ?? entry['ansible.builtin.import_playbook']
        if (target === undefined) return this.problems.attempt(() => [this.play(entry, map, file, inherited)], [])
        const key = 'import_playbook' in entry ? 'import_playbook' : 'ansible.builtin.import_playbook'
        const where = map.key(entry, key)
        return this.problems.attempt(() => {
          const path = resolve(dirname(file), this.staticPath(String(target), where, this.options.extraVars ?? {}))
          return this.playbook(path, where, mergeInherited(inherited, entry))
        }, [])
      })
    } finally {
      this.importing.pop()
    }
  }

  private staticPath(path: string, where: SourcePosition, vars = this.staticVars): string {
    return path.includes('{{') ? render(path, vars, { where }) : path
  }

  private play(raw: Raw, map: SourceMap, file: string, inherited?: Raw): Play {
    const baseDir = dirname(resolve(file))
    const common = commonKeywords(raw, map)
    const at = (key: string) => common.keyPos[key] ?? common.pos
    if (inherited) {
      common.when = [...stringConds(inherited.when), ...common.when]
      common.tags = [...new Set([...stringList(inherited.tags, true), ...common.tags])]
      common.vars = { ...((inherited.vars as Vars) ?? {}), ...common.vars }
    }
    this.staticVars = { ...common.vars, ...this.options.extraVars }
    const ctx = this.taskContext(map, baseDir)
    const rolesRaw = (raw.roles as unknown[] | null) ?? []
    const env: RoleEnv = {
      files: this.files,
      problems: this.problems,
      searchPath: roleSearchPath(baseDir, this.options.rolesPath),
      taskContext: (m, dir, role, handlers) => this.taskContext(m, dir, role, handlers),
    }
    const imported = (this.current = { env, handlers: [] as Handler[], roles: [] as Role[] }) // import_role in a role's tasks too
    const roles = expandRoles(rolesRaw.map((r, i) => parseRoleRef(r, map, rolesRaw, i)), env)
    const pre_tasks = normalizeTasks(raw.pre_tasks, ctx)
    const tasks = normalizeTasks(raw.tasks, ctx)
    const post_tasks = normalizeTasks(raw.post_tasks, ctx)
    const ownHandlers = handlerTasks(normalizeTasks(raw.handlers, { ...ctx, handlers: true }))
    const play: Play = {
      ...common,
      kind: 'play',
      hosts: stringList(raw.hosts).join(','),
      gather_facts: flag(raw.gather_facts, 'gather_facts', at('gather_facts')),
      serial: raw.serial === undefined || raw.serial === null ? [] : (Array.isArray(raw.serial) ? raw.serial : [raw.serial]) as (number | string)[],
      strategy: raw.strategy === undefined || raw.strategy === null ? undefined : String(raw.strategy),
      order: raw.order === undefined || raw.order === null ? undefined : String(raw.order),
      ...(Array.isArray(raw.vars_prompt) ? { vars_prompt: raw.vars_prompt as Play['vars_prompt'] } : {}),
      vars_files: this.varsFiles(raw.vars_files, map, baseDir, at('vars_files')),
      publicRoles: imported.roles,
      pre_tasks,
      roles: roles.invocations,
      tasks,
      post_tasks,
      handlers: [...roles.handlers, ...imported.handlers, ...ownHandlers],
      baseDir,
      file,
    }
    if (raw.max_fail_percentage !== undefined) play.max_fail_percentage = raw.max_fail_percentage as number | string
    if (raw.gather_subset !== undefined && raw.gather_subset !== null) play.gather_subset = raw.gather_subset as string | string[]
    if (raw.gather_timeout !== undefined && raw.gather_timeout !== null) play.gather_timeout = raw.gather_timeout as number | string
    if (raw.fact_path !== undefined && raw.fact_path !== null) play.fact_path = String(raw.fact_path)
    const force = flag(raw.force_handlers, 'force_handlers', at('force_handlers'))
    if (force !== undefined) play.force_handlers = force
    for (const error of unknownNotifications(play)) this.problems.record(error)
    return play
  }

  private varsFiles(list: unknown, map: SourceMap, baseDir: string, where: SourcePosition): VarsFile[] {
    if (!Array.isArray(list)) return []
    return list.map((entry, i) => {
      const pos = map.key(list, i) ?? where
      const candidates = stringList(entry)
      if (candidates.some((c) => c.includes('{{'))) return { path: candidates[0], pos }
      const found = candidates.map((c) => resolve(baseDir, c)).find((c) => existsSync(c))
      if (!found) throw new ConfigError(`vars file not found: ${candidates.join(' or ')}`, pos)
      return { path: found, vars: loadVarsFile(found, pos, this.files), pos }
    })
  }

  taskContext(map: SourceMap | undefined, baseDir: string, role?: RoleScope, handlers = false): TaskContext {
    return {
      map: map as SourceMap, // set by taskFile() when absent
      catalog: this.catalog,
      baseDir,
      role,
      handlers,
      problems: this.problems,
      importTasks: (file, where, ctx) => this.importTasks(file, where, ctx),
      importRole: (args, where, ctx) => this.importRole(args, where, ctx),
    }
  }

  /** A loader used while a play runs (include_tasks, include_role): import_role finds roles from the playbook's dir. */
  forRunTime(playbookDir: string): RoleEnv {
    const env: RoleEnv = {
      files: this.files,
      problems: this.problems,
      searchPath: roleSearchPath(playbookDir, this.options.rolesPath),
      taskContext: (m, dir, role, handlers) => this.taskContext(m, dir, role, handlers),
    }
    this.current = { env, handlers: [], roles: [] }
    return env
  }

  /** What import_role brought in while this run-time loader loaded. */
  imported(): { handlers: Handler[]; roles: Role[] } {
    return this.current ?? { handlers: [], roles: [] }
  }

  /** import_role: the role's blocks (dependencies first) in place; its handlers join the play's, its vars are public. */
  private importRole(args: Vars, where: SourcePosition, ctx: TaskContext): TaskNode[] {
    if (!this.current) throw new ConfigError('import_role is only possible in a play', where)
    const { invocations, handlers } = expandRoles([roleRefOf(args, this.staticPath(String(args.name ?? ''), where), where)], this.current.env, roleUseOf(args, where), ctx.role && dirname(ctx.role.path))
    this.current.handlers.push(...handlers)
    this.current.roles.push(...invocations.map((i) => i.role))
    return invocations.map((i) => i.block)
  }

  private importTasks(file: string, where: SourcePosition, ctx: TaskContext): TaskNode[] {
    if (!file) throw new ConfigError('import_tasks needs a file', where)
    const path = resolve(ctx.baseDir, this.staticPath(file, where))
    if (this.importing.includes(path)) throw new ConfigError(`import_tasks cycle: ${[...this.importing, path].map(displayPath).join(' → ')}`, where)
    this.importing.push(path)
    try {
      return this.taskFile(path, where, { ...ctx, baseDir: dirname(path) })
    } finally {
      this.importing.pop()
    }
  }

  taskFile(path: string, from: SourcePosition | undefined, ctx: Omit<TaskContext, 'map'>): TaskNode[] {
    const { data, map } = this.files.read(path, from, 'task file')
    if (!this.problems.schema('tasks', data, map)) return []
    return normalizeTasks(data, { ...ctx, map })
  }
}

function stringConds(value: unknown): string[] {
  return value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map(String)
}

// Keywords on an import_playbook entry apply to every play it imports (and nest).
function mergeInherited(outer: Raw | undefined, entry: Raw): Raw {
  return {
    when: [...stringConds(outer?.when), ...stringConds(entry.when)],
    tags: [...stringList(outer?.tags, true), ...stringList(entry.tags, true)],
    vars: { ...((outer?.vars as Vars) ?? {}), ...((entry.vars as Vars) ?? {}) },
  }
}

/** Loads a playbook file and everything it references statically. Throws ConfigError (file:line). */
export function loadPlaybook(file: string, options: LoadOptions = {}): Playbook {
  return { file, plays: new Loader(options).playbook(file) }
}

/**
 * Loads a playbook as far as it can, collecting every problem instead of stopping at the first
 * (`tsplay check`). The playbook leaves out what could not be loaded.
 */
export function checkPlaybook(file: string, options: LoadOptions = {}): { playbook: Playbook; problems: ConfigError[] } {
  const loader = new Loader(options, true)
  const plays = loader.problems.attempt(() => loader.playbook(file), [])
  return { playbook: { file, plays }, problems: loader.problems.errors }
}

export interface TaskFileOptions extends LoadOptions {
  /** The directory relative `import_tasks` inside the file resolve against (default: the file's). */
  baseDir?: string
  /** The role the including task belongs to (its scope carries over). */
  role?: RoleScope
  /** Where the include is written, for a missing-file error. */
  from?: SourcePosition
  /** The playbook's directory: the last place a relative file is looked for, as Ansible's path_dwim_relative does. */
  playbookDir?: string
}

/** A relative task file as Ansible finds it: beside the including file, in the role (tasks/, its root), in the playbook's dir. */
function findTaskFile(file: string, options: TaskFileOptions): string {
  const here = resolve(options.baseDir ?? '.', file)
  const candidates = [here]
  if (options.role) candidates.push(resolve(options.role.path, 'tasks', file), resolve(options.role.path, file))
  if (options.playbookDir) candidates.push(resolve(options.playbookDir, file))
  return candidates.find((c) => existsSync(c)) ?? here
}

/** Loads a task file at run time (`include_tasks`): same checks and normalisation as at load time. */
export function loadTaskFile(file: string, options: TaskFileOptions = {}): TaskNode[] {
  const loader = new Loader(options)
  loader.forRunTime(options.playbookDir ?? options.baseDir ?? '.')
  const path = findTaskFile(file, options)
  const { map: _none, ...ctx } = loader.taskContext(undefined, dirname(path), options.role)
  return loader.taskFile(path, options.from, ctx)
}

export { loadVarsFile }

export interface IncludedRole {
  /** The role's blocks, dependencies first: run them. */
  blocks: TaskNode[]
  handlers: Handler[]
  roles: Role[]
}

/** include_role at run time: the role found from the playbook's directory, loaded with the same checks as at load time. */
export function loadIncludedRole(name: string, args: Vars, options: TaskFileOptions & { playbookDir: string }): IncludedRole {
  const loader = new Loader(options)
  const where = options.from ?? { file: options.playbookDir }
  const env = loader.forRunTime(options.playbookDir)
  const { invocations, handlers } = expandRoles([roleRefOf(args, name, where)], env, roleUseOf(args, where), options.role && dirname(options.role.path))
  const imported = loader.imported() // roles its tasks import_role
  return { blocks: invocations.map((i) => i.block), handlers: [...handlers, ...imported.handlers], roles: [...invocations.map((i) => i.role), ...imported.roles] }
}
