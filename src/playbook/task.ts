// Raw task mappings → Task / Block nodes: module detection, argument forms, loops, keywords.
// Follows Ansible's parsing/mod_args.py: exactly one key is the module (or `action:`/`local_action:`),
// a string argument is parsed as `k=v` pairs with free-form text for command-like modules.
import { ConfigError, type SourcePosition } from '../errors.js'
import { isLookup, isTemplate, lookupNames } from '../template/index.js'
import { didYouMean } from '../util/did-you-mean.js'
import { coreOnly, shortName, type Catalog } from './catalog.js'
import { checkTemplates, commonKeywords, conditions, flag, stringList, type Raw } from './keywords.js'
import { parseKv } from './kv.js'
import { moduleArgProblems } from './module-args.js'
import type { Block, LoopControl, LoopWith, RoleScope, Task, TaskNode, Vars } from './model.js'
import { taskKeywords, unsupportedKeywords } from './validate.js'
import { Problems } from './problems.js'
import type { SourceMap } from './yaml.js'

export interface TaskContext {
  map: SourceMap
  catalog: Catalog
  /** Directory relative paths resolve against. */
  baseDir: string
  role?: RoleScope
  /** True while normalising a handlers list (allows `listen`). */
  handlers?: boolean
  /** Where an error in one task goes so the others still load (tsplay check); default: thrown at once. */
  problems?: Problems
  /** Loads `import_tasks: FILE` (resolved relative to baseDir) into nodes; provided by load.ts. */
  importTasks(file: string, where: SourcePosition, ctx: TaskContext): TaskNode[]
  /** Loads `import_role:` (its args) into the role's blocks (dependencies first); provided by load.ts. */
  importRole?(args: Vars, where: SourcePosition, ctx: TaskContext): TaskNode[]
}

const IMPORTS = new Set(['import_tasks', 'ansible.builtin.import_tasks'])
const ROLE_IMPORTS = new Set(['import_role', 'ansible.builtin.import_role'])

export function normalizeTasks(list: unknown, ctx: TaskContext): TaskNode[] {
  if (list === undefined || list === null) return []
  const problems = ctx.problems ?? new Problems()
  return (list as Raw[]).flatMap((raw) => problems.attempt(() => [normalizeTask(raw, ctx)], []))
}

export function normalizeTask(raw: Raw, ctx: TaskContext): TaskNode {
  if ('block' in raw) return normalizeBlock(raw, ctx)
  const { map } = ctx
  const common = commonKeywords(raw, map)
  const at = (key: string) => common.keyPos[key] ?? common.pos
  const label = common.name ? `task '${common.name}'` : 'task'
  const { action, actionKey, args, argsTemplate, delegateTo, invalid } = detectAction(raw, ctx, label, at)

  if (IMPORTS.has(action)) {
    const { file: fileArg, ...params } = args
    const file = String(fileArg ?? '')
    const nodes = ctx.importTasks(file, at(actionKey), ctx)
    // `include: f.yml a=1`: the other arguments are variables of the included tasks (TaskInclude.get_vars);
    // the old include's own `vars:` are include params, above set_fact, as Ansible's get_include_params
    const oldInclude = shortName(actionKey) === 'include'
    const block: Block = { ...common, vars: oldInclude ? params : { ...common.vars, ...params }, kind: 'block', block: nodes, rescue: [], always: [], notify: [], imported: file, role: ctx.role }
    if (oldInclude && Object.keys(common.vars).length) block.includeParams = common.vars
    return block
  }
  if (action === 'import_role') {
    if (!ctx.importRole) throw new ConfigError(`import_role in ${label}: not possible here`, at(actionKey), 'use include_role')
    const nodes = ctx.importRole(args, at(actionKey), ctx)
    return { ...common, kind: 'block', block: nodes, rescue: [], always: [], notify: [], imported: `role ${String(args.name)}`, role: ctx.role }
  }

  const task: Task = {
    ...common,
    kind: 'task',
    action,
    args,
    notify: stringList(raw.notify),
    listen: stringList(raw.listen),
    baseDir: ctx.baseDir,
  }
  if (!ctx.handlers && raw.listen !== undefined) throw new ConfigError(`'listen' in ${label}: only handlers listen`, at('listen'))
  if (argsTemplate !== undefined) task.argsTemplate = argsTemplate
  if (invalid !== undefined) task.invalidArgs = invalid
  if (delegateTo !== undefined) task.delegate_to = delegateTo
  if (ctx.role) task.role = ctx.role
  recordArgPositions(task, raw, ctx.map)
  if (typeof raw.register === 'string') task.register = raw.register
  for (const key of ['changed_when', 'failed_when', 'until'] as const) {
    if (raw[key] !== undefined) task[key] = conditions(raw[key], task.valuePos[key] ?? at(key), ctx.map)
  }
  if (raw.retries !== undefined) task.retries = raw.retries as number | string
  if (raw.delay !== undefined) task.delay = raw.delay as number | string
  if (raw.async !== undefined) task.async = raw.async as number | string
  if (raw.poll !== undefined) task.poll = raw.poll as number | string
  if (action === 'include_role' && task.args.apply !== undefined) {
    const apply = task.args.apply as Raw
    if (!apply || typeof apply !== 'object' || Array.isArray(apply)) throw new ConfigError(`apply in ${label} must be a mapping of task keywords`, at(actionKey))
    task.apply = commonKeywords(apply, map)
    delete task.args.apply
  }
  if (raw.loop_control) {
    const lc = { ...(raw.loop_control as LoopControl) }
    if (lc.extended !== undefined) lc.extended = flag(lc.extended, 'loop_control.extended', at('loop_control'))
    task.loop_control = lc
  }
  setLoop(task, raw, at, label, ctx.map)
  for (const [arg, value] of Object.entries(task.args)) {
    checkTemplates(value, task.valuePos[`args.${arg}`] ?? task.keyPos[`args.${arg}`] ?? task.valuePos[actionKey] ?? at(actionKey), ctx.map)
  }
  checkModuleArgs(task, ctx)
  return task
}

/**
 * Module arguments against the module's schema, at load: every literal value is judged here (file:line,
 * exit 1 before anything connects); a value that is still a template is judged per host once rendered.
 * `tsplay check` records every problem, `tsplay run` stops at the first. A task with `ignore_errors: true`
 * is judged only when it runs.
 */
function checkModuleArgs(task: Task, ctx: TaskContext): void {
  const info = ctx.catalog.info(task.action)
  // a task that says ignore_errors: true may be written to fail (Ansible's own tests do): as in Ansible,
  // its bad arguments fail it when it runs, and the play goes on
  if (!info || task.ignore_errors === true) return
  const problems = ctx.problems ?? new Problems()
  for (const p of moduleArgProblems(task, info)) problems.record(new ConfigError(p.message, p.position, p.hint))
}

function normalizeBlock(raw: Raw, ctx: TaskContext): Block {
  const common = commonKeywords(raw, ctx.map)
  const block: Block = {
    ...common,
    kind: 'block',
    block: normalizeTasks(raw.block, ctx),
    rescue: normalizeTasks(raw.rescue, ctx),
    always: normalizeTasks(raw.always, ctx),
    notify: stringList(raw.notify),
  }
  if (ctx.role) block.role = ctx.role
  return block
}

function setLoop(task: Task, raw: Raw, at: (k: string) => SourcePosition, label: string, map: SourceMap): void {
  const withKeys = Object.keys(raw).filter((k) => k.startsWith('with_'))
  if (withKeys.length + (raw.loop !== undefined ? 1 : 0) > 1) {
    throw new ConfigError(`${label} has more than one loop (${[...withKeys, ...(raw.loop !== undefined ? ['loop'] : [])].join(', ')})`, at(withKeys[0]))
  }
  if (raw.loop !== undefined) task.loop = raw.loop
  const [withKey] = withKeys
  if (withKey) {
    const kind = withKey.slice('with_'.length) as LoopWith
    if (!isLookup(kind)) {
      const near = didYouMean(kind, lookupNames())
      throw new ConfigError(`unknown loop '${withKey}' in ${label}: no lookup plugin '${kind}'`, at(withKey), near ? `did you mean 'with_${near}'?` : 'use loop: with a list')
    }
    task.loop = raw[withKey]
    task.loop_with = kind
  }
  const loopKey = withKey ?? 'loop'
  if (task.loop !== undefined) checkTemplates(task.loop, task.valuePos[loopKey] ?? at(loopKey), map)
}

interface Detected {
  action: string
  /** The key the module was written under (`copy`, `ansible.builtin.copy`, `action`, `local_action`). */
  actionKey: string
  args: Vars
  argsTemplate?: string
  delegateTo?: string
  invalid?: string
}

function detectAction(raw: Raw, ctx: TaskContext, label: string, at: (k: string) => SourcePosition): Detected {
  const keywords = taskKeywords()
  let action: string | undefined
  let thing: unknown
  let actionKey = ''
  let delegateTo: string | undefined
  for (const key of ['action', 'local_action']) {
    if (raw[key] === undefined) continue
    if (action !== undefined) throw new ConfigError(`${label}: action and local_action are mutually exclusive`, at(key))
    ;[action, thing] = splitModuleString(raw[key], at(key), label)
    actionKey = key
    if (key === 'local_action') delegateTo = 'localhost'
  }
  const candidates = Object.keys(raw).filter((k) => !keywords.has(k) && !k.startsWith('with_'))
  for (const key of candidates) {
    if (key in unsupportedKeywords) throw new ConfigError(`'${key}' in ${label}: ${unsupportedKeywords[key]}`, at(key))
    if (!ctx.catalog.has(key) && !IMPORTS.has(key) && !ROLE_IMPORTS.has(key) && shortName(key) !== 'include' && !(ctx.catalog.complete && coreOnly(key))) throw unknownKey(key, action !== undefined || candidates.length > 1, label, at(key), ctx)
    if (action !== undefined) {
      const hint = didYouMean(key, keywords) ?? didYouMean(action, keywords)
      throw new ConfigError(`${label} has two actions: '${action}' and '${key}'`, at(key), hint ? `did you mean '${hint}'?` : 'one module per task')
    }
    action = key
    thing = raw[key]
    actionKey = key
  }
  if (action === undefined) throw new ConfigError(`${label} has no module`, at('name'), 'add one module key, e.g. `command: uptime`')
  // `action: "{{ ansible_facts.pkg_mgr }}"`: the module is known per host (executor/invoke.ts moduleOf)
  const name = isTemplate(action) ? action : IMPORTS.has(action) ? 'import_tasks' : ROLE_IMPORTS.has(action) ? 'import_role' : shortName(action) === 'include' ? includeKind(raw, thing) : shortName(action)
  if (name === 'import_playbook') throw new ConfigError(`import_playbook in ${label}: only allowed as a play`, at(actionKey))
  const missing = ctx.catalog.has(name) ? undefined : coreOnly(name)
  if (missing) return { action: name, actionKey, args: {}, delegateTo, invalid: missing }
  const { args, template, invalid } = moduleArgs(name, thing, ctx, label, at(actionKey))
  let argsTemplate = template
  if (typeof raw.args === 'string') argsTemplate = raw.args
  else if (raw.args && typeof raw.args === 'object') Object.assign(args, { ...(raw.args as Vars), ...args })
  return { action: name, actionKey, args, argsTemplate, delegateTo, invalid }
}

/** The deprecated `include`: static (import_tasks) unless it loops or its file name is a template, as ansible-core 2.14 decides. */
function includeKind(raw: Raw, thing: unknown): 'import_tasks' | 'include_tasks' {
  const loops = raw.loop !== undefined || Object.keys(raw).some((k) => k.startsWith('with_'))
  return loops || isTemplate(thing) ? 'include_tasks' : 'import_tasks'
}

/** `action: copy src=a` / `action: { module: copy, src: a }` → [module, args]. */
function splitModuleString(value: unknown, where: SourcePosition, label: string): [string, unknown] {
  if (typeof value === 'string') {
    const m = /^\s*(\{\{.*?\}\}|\S+)\s*([\s\S]*)$/.exec(value) // the module may be a template
    if (!m) throw new ConfigError(`empty action in ${label}`, where)
    return [m[1], m[2]]
  }
  if (value && typeof value === 'object' && typeof (value as Raw).module === 'string') {
    const { module, ...rest } = value as Raw
    const [name, text] = splitModuleString(module, where, label)
    return [name, text === '' ? rest : { ...rest, __text: text }]
  }
  throw new ConfigError(`action in ${label} must be 'MODULE args' or a mapping with 'module:'`, where)
}

// Ansible's parser lets these take free text and their actions fail when they run
const RAW_AT_RUN_TIME = new Set(['add_host', 'group_by', 'set_fact'])

/**
 * A module's arguments as written; `template` is a whole-arguments template (`add_host: "{{ host }}"`),
 * rendered per host; `invalid` is why the task fails when it runs.
 */
function moduleArgs(name: string, thing: unknown, ctx: TaskContext, label: string, where: SourcePosition): { args: Vars; template?: string; invalid?: string } {
  if (thing === undefined || thing === null) return { args: {} }
  let args: Vars
  if (typeof thing === 'string') args = parseKv(thing, ctx.catalog.commandLike(name), where)
  else if (typeof thing === 'object' && !Array.isArray(thing)) {
    const { __text, ...rest } = thing as Raw
    args = { ...rest, ...(typeof __text === 'string' ? parseKv(__text, ctx.catalog.commandLike(name), where) : {}) }
  } else if (typeof thing === 'number' || typeof thing === 'boolean') args = { _raw_params: String(thing) }
  else throw new ConfigError(`arguments of '${name}' in ${label} must be a mapping or a 'k=v' string, got a list`, where)
  if (args._raw_params !== undefined) {
    const raw = String(args._raw_params)
    delete args._raw_params
    const target = ctx.catalog.freeFormArg(name)
    if (target) args[target] = raw
    else if (isTemplate(raw)) return { args, template: raw } // Ansible's _variable_params
    else if (RAW_AT_RUN_TIME.has(name)) return { args, invalid: `${name} takes key=value arguments, not free-form text '${raw}'` }
    else throw new ConfigError(`module '${name}' in ${label} takes key=value arguments, not free-form text '${raw}'`, where)
  }
  return { args }
}

function unknownKey(key: string, hasModule: boolean, label: string, where: SourcePosition, ctx: TaskContext): ConfigError {
  const keywords = [...taskKeywords()].filter((k) => ctx.handlers || k !== 'listen')
  const nearKeyword = didYouMean(key, keywords)
  const nearModule = didYouMean(shortName(key), ctx.catalog.names())
  if (hasModule || (nearKeyword && !nearModule)) {
    return new ConfigError(`unknown key '${key}' in ${label}`, where, nearKeyword ? `did you mean '${nearKeyword}'?` : undefined)
  }
  return new ConfigError(`unknown module '${key}' in ${label}`, where, nearModule ? `did you mean '${nearModule}'?` : undefined)
}

// keyPos['args.dest'] etc., so module argument errors can point at the argument's own line.
function recordArgPositions(task: Task, raw: Raw, map: SourceMap): void {
  const keywords = taskKeywords()
  for (const [key, value] of Object.entries(raw)) {
    const container = key === 'args' || key === 'action' || key === 'local_action' || !keywords.has(key) ? value : undefined
    if (!container || typeof container !== 'object' || Array.isArray(container)) continue
    for (const arg of Object.keys(container)) {
      task.keyPos[`args.${arg}`] ??= map.key(container, arg)
      const value = map.value(container, arg)
      if (value) task.valuePos[`args.${arg}`] ??= value
    }
  }
}
