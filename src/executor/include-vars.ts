// include_vars: the variables one host loads, as Ansible's action finds and reads them — `file` (or the
// free-form name) on Ansible's search path (the role's vars/, the task file's dir, the playbook's dir …), or
// the files of `dir` (the role's vars/DIR, else beside the task file), nested under `name` when given.
// Failures are results with Ansible's `message`, so ignore_errors and register see them as Ansible's.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import type { TaskResult } from '../modules/types.js'
import type { Task, Vars } from '../playbook/model.js'
import { findControllerFile } from '../template/index.js'
import { mergeHash } from '../util/merge-hash.js'
import { lookupContext } from './template-context.js'
import type { PlayContext } from './types.js'

const DIR_OPTIONS = ['dir', 'depth', 'files_matching', 'ignore_files', 'extensions', 'ignore_unknown_extensions']
const FILE_OPTIONS = ['file', '_raw_params']
const COMMON_OPTIONS = ['name', 'hash_behaviour']
const DEFAULT_EXTENSIONS = ['yaml', 'yml', 'json']

class IncludeVarsFailure extends Error {}

/** Runs include_vars with its rendered arguments on one host. */
export async function includeVars(ctx: PlayContext, task: Task, vars: Vars, args: Vars): Promise<TaskResult> {
  const files: string[] = []
  try {
    const unknown = Object.keys(args).find((a) => ![...DIR_OPTIONS, ...FILE_OPTIONS, ...COMMON_OPTIONS].includes(a))
    if (unknown) throw new IncludeVarsFailure(`${unknown} is not a valid option in include_vars`)
    const byDir = Object.keys(args).some((a) => DIR_OPTIONS.includes(a))
    if (byDir && Object.keys(args).some((a) => FILE_OPTIONS.includes(a))) throw new IncludeVarsFailure('You are mixing file only and dir only arguments, these are incompatible')
    const extensions = extensionsOf(args.extensions)
    let loaded: Vars = {}
    const load = async (path: string) => {
      Object.assign(loaded, await ctx.options.loadVars(path, task.baseDir))
      files.push(path)
    }
    if (args.dir) {
      for (const path of dirFiles(sourceDir(task, String(args.dir)), args, extensions, task)) await load(path)
    } else {
      const wanted = args.file || args._raw_params ? String(args.file || args._raw_params).replace(/\n+$/, '') : undefined
      const path = wanted === undefined ? undefined : findControllerFile(wanted, 'vars', lookupContext(ctx, task))
      if (!path) throw new IncludeVarsFailure(`${wanted === undefined ? 'Could not find file' : `Could not find or access '${wanted}'`} on the Ansible Controller.`)
      await load(path)
    }
    if (args.hash_behaviour === 'merge') loaded = Object.fromEntries(Object.entries(loaded).map(([k, v]) => [k, isMapping(vars[k]) && isMapping(v) ? mergeHash(vars[k], v) : v]))
    const facts = args.name ? { [String(args.name)]: loaded } : loaded
    return { status: 'ok', data: { ansible_facts: facts, ansible_included_var_files: files } }
  } catch (error) {
    if (!(error instanceof IncludeVarsFailure)) throw error
    return { status: 'failed', msg: error.message, data: { message: error.message, ansible_included_var_files: files, ansible_facts: {} } }
  }
}

function extensionsOf(value: unknown): string[] {
  if (value === undefined || value === null) return DEFAULT_EXTENSIONS
  if (typeof value === 'string') return [...value] // Ansible's list(str)
  if (!Array.isArray(value)) throw new IncludeVarsFailure('Invalid type for "extensions" option, it must be a list')
  return value.map(String)
}

/** `dir` in a role is under the role's vars/ (or the role dir when it starts with vars/); else beside the task file. */
function sourceDir(task: Task, dir: string): string {
  if (task.role) {
    if (dir.split('/')[0] === 'vars' && existsSync(join(task.role.path, dir))) return join(task.role.path, dir)
    return resolve(task.role.path, 'vars', dir)
  }
  return resolve(dirname(task.pos.file), dir)
}

/**
 * The files of `dir` in Ansible's order: every directory below it sorted by path, the first `depth` of
 * them (all when 0), each one's files sorted; files_matching (a regex searched in the name), ignore_files
 * (regexes matching the name's end) and the extensions decide which load.
 */
function dirFiles(dir: string, args: Vars, extensions: string[], task: Task): string[] {
  if (!existsSync(dir)) throw new IncludeVarsFailure(`${dir} directory does not exist`)
  if (!statSync(dir).isDirectory()) throw new IncludeVarsFailure(`${dir} is not a directory`)
  const depth = Number(args.depth ?? 0) || 0
  const matching = args.files_matching ? new RegExp(String(args.files_matching)) : undefined
  const ignored = ignorePatterns(args.ignore_files)
  const skipUnknown = args.ignore_unknown_extensions === true
  const valid = (name: string) => extensions.includes(pythonExtension(name))
  const roleMain = task.role ? join(task.role.path, 'vars', 'main.yml') : undefined
  const dirs = walk(dir).sort()
  const out: string[] = []
  for (const d of depth ? dirs.slice(0, depth) : dirs) {
    for (const name of readdirSync(d).filter((n) => !statSync(join(d, n)).isDirectory()).sort()) {
      const path = join(d, name)
      if (path === roleMain || (matching && !matching.test(name)) || ignored.some((re) => re.test(name))) continue
      if (valid(name)) out.push(path)
      else if (!skipUnknown) throw new IncludeVarsFailure(`${path} does not have a valid extension: ${extensions.join(', ')}`)
    }
  }
  return out
}

function walk(dir: string): string[] {
  const out = [dir]
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...walk(path))
  }
  return out
}

function ignorePatterns(value: unknown): RegExp[] {
  const list = typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : Array.isArray(value) ? value.map(String) : []
  return list.map((p) => {
    try {
      return new RegExp(`${p}$`)
    } catch {
      throw new IncludeVarsFailure(`Invalid regular expression: ${p}`)
    }
  })
}

/** os.path.splitext's extension without its dot: '' for `file`, `.bashrc` and `name.`. */
function pythonExtension(name: string): string {
  const base = basename(name).replace(/^\.+/, '')
  return extname(base).slice(1)
}

const isMapping = (v: unknown): v is Vars => typeof v === 'object' && v !== null && !Array.isArray(v)
