// What a task's templates need besides its variables: where each key is written (errors point there),
// the task's name, and the controller-side context of lookups (Ansible's search path: the role's
// directory, the task file's, the play's; the vault; where warnings go).
import type { Task } from '../playbook/model.js'
import type { LookupContext, RenderContext } from '../template/index.js'
import type { PlayContext } from './types.js'

const lookupsOf = new WeakMap<Task, LookupContext>()

export function lookupContext(ctx: PlayContext, task: Task): LookupContext {
  let lookups = lookupsOf.get(task)
  if (!lookups) {
    const bases = [task.role?.path, task.baseDir, ctx.play.baseDir].filter((d): d is string => d !== undefined)
    lookups = {
      searchPaths: [...new Set(bases)],
      playbookDir: ctx.play.baseDir,
      vaultDecrypt: ctx.options.decryptVault,
      warn: (message) => ctx.options.reporter.onWarning(message),
    }
    lookupsOf.set(task, lookups)
  }
  return lookups
}

/** The RenderContext for `task`'s key `key` (`when`, `args.dest`): where its value is written, else the task. */
export function templateContext(ctx: PlayContext, task: Task, key?: string): RenderContext {
  return {
    where: (key !== undefined ? (task.valuePos[key] ?? task.keyPos[key]) : undefined) ?? task.pos,
    task: task.name,
    lookups: lookupContext(ctx, task),
    warn: (message) => ctx.options.reporter.onWarning(message),
  }
}
