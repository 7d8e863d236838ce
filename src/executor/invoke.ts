// One module call on one host: resolve become, delegation, check mode and environment, then run.
import type { BecomeOptions, Connection, RunOptions as ConnRunOptions } from '../connection/types.js'
import { ConfigError, InterruptedError, TemplateError, TsplayError, UnreachableError } from '../errors.js'
import { runModule } from '../modules/lib/result.js'
import { moduleKeyPosition } from '../playbook/module-args.js'
import type { ModuleContext, TaskResult } from '../modules/types.js'
import type { Task, Vars } from '../playbook/model.js'
import { shortName } from '../playbook/catalog.js'
import { isTemplate, render, renderFile, renderValue } from '../template/index.js'
import { BOOLEAN_WORDS, parseBoolean } from '../util/boolean.js'
import { includeVars } from './include-vars.js'
import { templateContext } from './template-context.js'
import type { PlayContext, Scope } from './types.js'

export interface Invocation {
  task: Task
  scope: Scope // includes the task's own keywords
  host: string
  vars: Vars
  args: Vars
}

/** A boolean keyword that may be a template: rendered with the task's vars, then read with Ansible's boolean(). */
export function flagValue(value: unknown, vars: Vars, fallback: boolean, key = 'keyword'): boolean {
  if (value === undefined || value === null) return fallback
  const rendered = typeof value === 'string' ? renderValue(value, vars) : value
  const parsed = parseBoolean(rendered)
  if (parsed === undefined) throw new TemplateError(`'${key}' must be a boolean, got ${JSON.stringify(rendered)}`, undefined, `it must render to one of ${BOOLEAN_WORDS}`)
  return parsed
}

export function resolveBecome(ctx: PlayContext, scope: Scope, vars: Vars): BecomeOptions | undefined {
  const d = ctx.options.becomeDefaults
  const enabled = flagValue(scope.become ?? vars.ansible_become, vars, d.become ?? false, 'become')
  if (!enabled) return undefined
  const pick = (...values: unknown[]) => values.find((v) => v !== undefined && v !== null && v !== '')
  const method = render(String(pick(scope.become_method, vars.ansible_become_method, d.method, 'sudo')), vars)
  if (method !== 'sudo' && method !== 'su') throw new ConfigError(`become_method '${method}' is not supported`, undefined, 'use sudo or su')
  const password = pick(vars.ansible_become_password, vars.ansible_become_pass, d.password)
  const rendered = password === undefined ? undefined : render(String(password), vars)
  if (rendered) ctx.options.addSecret?.(rendered)
  return {
    method,
    user: render(String(pick(scope.become_user, vars.ansible_become_user, d.user, 'root')), vars),
    ...(rendered !== undefined ? { password: rendered } : {}),
    ...(vars.ansible_become_flags ? { flags: String(vars.ansible_become_flags) } : {}),
  }
}

export async function invokeModule(ctx: PlayContext, inv: Invocation): Promise<TaskResult & { delegatedTo?: string }> {
  const { task, scope, vars, args } = inv
  const action = moduleOf(ctx, task, vars)
  if (action === 'include_vars') return includeVars(ctx, task, vars, args) // reads the controller's files, runs like a module
  const def = ctx.options.modules[action]
  if (!def) return { status: 'failed', msg: `no module named '${action}'`, data: {} }
  const delegate = scope.delegate_to === undefined ? undefined : render(String(scope.delegate_to), vars, templateContext(ctx, task, 'delegate_to'))
  const check = flagValue(scope.check_mode, vars, ctx.options.check, 'check_mode')
  const diff = flagValue(scope.diff, vars, ctx.options.diff, 'diff')
  try {
    const become = resolveBecome(ctx, scope, vars)
    const conn = def.local ? controllerOnly(inv.host) : withEnvironment(ctx.connectionFor(delegate ?? inv.host, vars, scope), environment(scope, vars))
    const moduleCtx: ModuleContext = {
      host: inv.host,
      conn,
      check,
      diff,
      become,
      vars,
      searchPaths: searchPaths(ctx, task),
      asyncJobs: ctx.jobs,
      render: (text, file) => renderFile(text, vars, file, templateContext(ctx, task)),
      signal: ctx.options.signal,
      verbosity: ctx.options.verbosity ?? 0,
      resultRead: resultRead(ctx, task),
      decryptVault: ctx.options.decryptVault,
      afterPredictedChanges: check && (ctx.hosts.get(inv.host)?.stats.changed ?? 0) > 0,
    }
    const site = { task: task.name ? `task '${task.name}'` : `task ${task.action}`, at: (key?: string) => (key && task.keyPos[`args.${key}`]) || moduleKeyPosition(task) }
    const result = await runModule(def, moduleCtx, args, site)
    return delegate ? { ...result, delegatedTo: delegate } : result
  } catch (error) {
    if (error instanceof UnreachableError) return { status: 'unreachable', msg: error.message, data: { unreachable: true } }
    if (error instanceof InterruptedError) return { status: 'failed', msg: error.message, data: { interrupted: true } }
    if (error instanceof TsplayError) return { status: 'failed', msg: error.describe(), data: {} }
    return { status: 'failed', msg: error instanceof Error ? error.message : String(error), data: {} }
  }
}

function resultRead(ctx: PlayContext, task: Task): boolean {
  return ctx.options.reporter.showsResultData !== false || task.register !== undefined || !!task.failed_when?.length || !!task.until?.length || task.async !== undefined
}

/** The task's module; a templated one (`action: "{{ ansible_facts.pkg_mgr }}"`) is rendered with the host's vars. */
function moduleOf(ctx: PlayContext, task: Task, vars: Vars): string {
  return isTemplate(task.action) ? shortName(render(task.action, vars, templateContext(ctx, task, 'action'))) : task.action
}

function searchPaths(ctx: PlayContext, task: Task): string[] {
  const own = task.role?.searchPaths ?? []
  const base = task.baseDir
  return [...own, `${base}/files`, `${base}/templates`, base, `${ctx.play.baseDir}/files`, `${ctx.play.baseDir}/templates`, ctx.play.baseDir]
}

/** The task's environment: every level's `environment:` rendered and merged, the nearest level winning. */
function environment(scope: Scope, vars: Vars): Record<string, string> | undefined {
  if (scope.environment.length === 0) return undefined
  const merged: Record<string, string> = {}
  for (const layer of scope.environment) {
    const env = renderValue<Record<string, unknown>>(layer, vars)
    if (!env || typeof env !== 'object' || Array.isArray(env)) throw new ConfigError('environment must be a mapping of names to values')
    for (const [k, v] of Object.entries(env)) merged[k] = String(v)
  }
  return merged
}

/** Every command of the task gets the task's `environment:` (exported by the remote sh). */
function withEnvironment(conn: Connection, env: Record<string, string> | undefined): Connection {
  if (!env) return conn
  return {
    host: conn.host,
    run: (command: string, options: ConnRunOptions = {}) => conn.run(command, { ...options, env: { ...env, ...options.env } }),
    put: conn.put.bind(conn),
    get: conn.get.bind(conn),
    close: async () => {},
    ...(conn.reset ? { reset: conn.reset.bind(conn) } : {}),
  }
}

function controllerOnly(host: string): Connection {
  const refuse = () => Promise.reject(new Error('a controller-side module tried to reach the host'))
  return { host, run: refuse, put: refuse, get: refuse, close: async () => {} }
}
