// Building TaskResults and running a module with validation and failure capture.
import { InterruptedError, TsplayError, UnreachableError } from '../../errors.js'
import type { Diff, ModuleContext, ModuleDefinition, TaskResult } from '../types.js'
import { validateArgs, type ArgSite } from './validate.js'

export function ok(msg?: string, data: Record<string, unknown> = {}, diff?: Diff[]): TaskResult {
  return { status: 'ok', msg, data, ...(diff?.length ? { diff } : {}) }
}

export function changed(msg?: string, data: Record<string, unknown> = {}, diff?: Diff[]): TaskResult {
  return { status: 'changed', msg, data, ...(diff?.length ? { diff } : {}) }
}

/** Ansible's diff entries, as a result carries them: before/after with their headers. */
export function ansibleDiff(diff: Diff[]): Record<string, unknown>[] {
  return diff.map((d) => ({ before: d.before, after: d.after, ...(d.path ? { before_header: d.path, after_header: d.path } : {}) }))
}

export function failed(msg: string, data: Record<string, unknown> = {}): TaskResult {
  return { status: 'failed', msg, data }
}

/**
 * Validates args, runs the module, and turns a ModuleError (or bad args) into a failed result. `site` says
 * where an argument is written: the arguments judged here are those that were templates at load.
 */
export async function runModule<A>(def: ModuleDefinition<A>, ctx: ModuleContext, args: Record<string, unknown>, site?: ArgSite): Promise<TaskResult> {
  try {
    return await def.run(ctx, validateArgs(def, args, site))
  } catch (e) {
    if (e instanceof UnreachableError || e instanceof InterruptedError) throw e
    if (e instanceof TsplayError) return failed(e.describe())
    throw e
  }
}
