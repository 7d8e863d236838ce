// What `tsplay check` can know about a playbook's templates without connecting: lookups named literally
// that do not exist, and variables that no source defines. A variable is defined when the play, its
// roles, its vars files, a task (vars, register, set_fact, include_vars, loop variables), the extra vars
// or the inventory give it, or when it is a magic variable or a fact (ansible_*). Where a source cannot
// be known without running (a templated vars file or include, set_fact with a templated name), the
// play's variables are open and none of its names is reported.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { ConfigError, TemplateError, type SourcePosition } from '../errors.js'
import { checkLookups, requiredVariables, type Condition } from '../template/index.js'
import type { Block, Play, Task, Vars } from './model.js'
import { loadVarsFile } from './files.js'
import { playTasks } from './walk.js'

/** Names Ansible (and tsplay) define for every task, and template files' own (template_*, ansible_managed). */
const MAGIC = new Set([
  'inventory_hostname', 'inventory_hostname_short', 'groups', 'group_names', 'hostvars', 'play_hosts', 'vars', 'omit',
  'role_name', 'role_path', 'role_names', 'playbook_dir', 'inventory_dir', 'inventory_file', 'environment',
  'template_host', 'template_path', 'template_fullpath', 'template_mtime', 'template_uid', 'template_run_date', 'template_destpath',
])

export interface LintInput {
  play: Play
  /** Extra vars (-e), names other plays define (set_fact and register last across plays) and, with -i, every inventory variable name. */
  known: Set<string>
  /** Tasks loaded from static include_tasks files, with where they are included from. */
  included: Task[]
}

export interface LintProblem {
  message: string
  position: SourcePosition
  hint?: string
  /** A variable defined nowhere the check can see (an error only when the inventory was given). */
  undefinedVariable?: string
}

/** Every name the play's sources define; undefined when one of them cannot be known statically. */
export function playVariables(play: Play, included: Task[]): Set<string> | undefined {
  const names = new Set<string>(Object.keys(play.vars))
  for (const f of play.vars_files) {
    if (!f.vars) return undefined
    for (const k of Object.keys(f.vars)) names.add(k)
  }
  for (const { role } of play.roles) for (const k of [...Object.keys(role.defaults), ...Object.keys(role.vars)]) names.add(k)
  for (const inv of play.roles) for (const k of Object.keys(inv.ref.params)) names.add(k)
  const tasks = [...[...playTasks(play)].map((t) => ({ task: t.task, blocks: t.blocks })), ...included.map((task) => ({ task, blocks: [] as Block[] }))]
  for (const { task, blocks } of tasks) {
    for (const b of blocks) for (const k of Object.keys(b.vars)) names.add(k)
    for (const k of Object.keys(task.vars)) names.add(k)
    if (task.register) names.add(task.register)
    const loop = task.loop_control
    names.add(loop?.loop_var ?? 'item')
    if (loop?.index_var) names.add(loop.index_var)
    if (task.action === 'set_fact') {
      for (const k of Object.keys(task.args)) {
        if (k.includes('{{')) return undefined
        if (k !== 'cacheable') names.add(k)
      }
    }
    if (task.action === 'include_vars') {
      const vars = includedVars(task)
      if (!vars) return undefined
      for (const k of vars) names.add(k)
    }
    if (task.action === 'include_tasks' && String(task.args.file ?? task.args._raw_params ?? '').includes('{{')) return undefined
    // the facts these modules set
    if (task.action === 'getent') {
      const database = String(task.args.database ?? '')
      if (database.includes('{{')) return undefined
      names.add(`getent_${database}`)
    }
    if (task.action === 'package_facts') names.add('packages')
    if (task.action === 'service_facts') names.add('services')
  }
  return names
}

function includedVars(task: Task): string[] | undefined {
  if (typeof task.args.name === 'string') return [task.args.name]
  const file = String(task.args.file ?? task.args._raw_params ?? '')
  if (!file || file.includes('{{')) return undefined
  const path = resolve(task.baseDir, file)
  return existsSync(path) ? Object.keys(loadVarsFile(path)) : undefined
}

/** The template strings of a task, each with the key it is written under. */
function taskTemplates(task: Task): { key: string; text: string; condition: boolean }[] {
  const out: { key: string; text: string; condition: boolean }[] = []
  const strings = (key: string, value: unknown): void => {
    if (typeof value === 'string') out.push({ key, text: value, condition: false })
    else if (Array.isArray(value)) value.forEach((v) => strings(key, v))
    else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(key, v)
  }
  for (const [arg, value] of Object.entries(task.args)) {
    if (task.action === 'assert' && arg === 'that') conditionsOf(`args.${arg}`, value as Condition[] | Condition, out)
    else strings(`args.${arg}`, value)
  }
  for (const key of ['when', 'changed_when', 'failed_when', 'until'] as const) conditionsOf(key, task[key], out)
  strings('loop', task.loop)
  for (const key of ['name', 'delegate_to', 'become_user'] as const) strings(key, task[key])
  return out
}

function conditionsOf(key: string, list: Condition[] | Condition | undefined, out: { key: string; text: string; condition: boolean }[]): void {
  for (const c of list === undefined ? [] : Array.isArray(list) ? list : [list]) if (typeof c === 'string') out.push({ key, text: c, condition: true })
}

/** Unknown lookups and undefined variables in the play's tasks (and the tasks it includes statically). */
export function lintTemplates({ play, known, included }: LintInput): LintProblem[] {
  const problems: LintProblem[] = []
  const defined = playVariables(play, included)
  const tasks = [...[...playTasks(play)].map((t) => t.task), ...included]
  for (const task of tasks) {
    for (const { key, text, condition } of taskTemplates(task)) {
      const where = task.valuePos[key] ?? task.keyPos[key] ?? task.pos
      const kind = condition ? 'condition' : 'value'
      try {
        checkLookups(text, { where, kind, task: task.name })
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error
        problems.push({ message: error.message, position: error.position ?? where, hint: error.hint })
      }
      if (!defined) continue
      let names: Set<string>
      try {
        names = requiredVariables(text, kind)
      } catch (error) {
        if (error instanceof ConfigError) continue // a syntax error the loader reported already
        throw error
      }
      for (const name of names) {
        if (defined.has(name) || known.has(name) || MAGIC.has(name) || name.startsWith('ansible_')) continue
        const label = task.name ? ` in task '${task.name}'` : ''
        problems.push({ message: `'${name}' is defined nowhere${label}`, position: where, undefinedVariable: name })
      }
    }
  }
  return problems
}

/** Variable names of the group_vars/ and host_vars/ files beside a playbook (read without an inventory). */
export function playbookAdjacentVars(dir: string): Set<string> {
  const names = new Set<string>()
  for (const sub of ['group_vars', 'host_vars']) {
    const base = resolve(dir, sub)
    if (!existsSync(base)) continue
    for (const file of filesUnder(base)) {
      try {
        for (const k of Object.keys(loadVarsFile(file) as Vars)) names.add(k)
      } catch {
        // unreadable here (a vault without password): the run will say so
      }
    }
  }
  return names
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = resolve(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}
