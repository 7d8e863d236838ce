// include_vars: the variables one host loads, as Ansible's action finds and reads them — `file` (or the
// free-form name) or every file of `dir`, looked for on Ansible's search path (the role's vars/, the task
// file's dir, the playbook's vars/ …), nested under `name` when given.
import { readdirSync, statSync } from 'node:fs'
import { extname, join, relative } from 'node:path'
import { ConfigError } from '../errors.js'
import type { Task, Vars } from '../playbook/model.js'
import { findControllerFile, renderValue } from '../template/index.js'
import { lookupContext, templateContext } from './template-context.js'
import type { PlayContext } from './types.js'

export async function includeVars(ctx: PlayContext, task: Task, vars: Vars): Promise<{ facts: Vars; files: string[] }> {
  const args = renderValue<Vars>(task.args, vars, templateContext(ctx, task))
  const wanted = args.dir ?? args.file ?? args._raw_params
  if (wanted === undefined) throw new ConfigError("include_vars needs 'file' or 'dir'", task.pos)
  const path = findControllerFile(String(wanted), 'vars', lookupContext(ctx, task))
  if (!path) throw new ConfigError(`include_vars: ${args.dir !== undefined ? 'directory' : 'file'} '${String(wanted)}' not found in the role's vars/, beside the task file or in the playbook's dir`, task.pos)
  const files = args.dir !== undefined ? dirFiles(path, args) : [path]
  const loaded: Vars = {}
  for (const file of files) Object.assign(loaded, await ctx.options.loadVars(file, task.baseDir))
  return { facts: args.name === undefined ? loaded : { [String(args.name)]: loaded }, files }
}

/** `dir`'s files in Ansible's order (sorted, depth first), filtered by extensions, files_matching and ignore_files. */
function dirFiles(dir: string, args: Vars): string[] {
  const extensions = (Array.isArray(args.extensions) ? args.extensions : ['json', 'yaml', 'yml']).map((e) => `.${String(e)}`)
  const ignore = new Set((Array.isArray(args.ignore_files) ? args.ignore_files : []).map(String))
  const matching = args.files_matching === undefined ? undefined : new RegExp(String(args.files_matching))
  const depth = Number(args.depth ?? 0)
  const out: string[] = []
  const walk = (d: string, level: number): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) {
        if (depth === 0 || level < depth) walk(path, level + 1)
      } else if (extensions.includes(extname(name)) && !ignore.has(name) && (!matching || matching.test(name))) out.push(path)
    }
  }
  walk(dir, 1)
  return out.sort((a, b) => relative(dir, a).localeCompare(relative(dir, b)))
}
