// `tsplay check PLAYBOOK…`: everything that can be wrong before connecting — YAML, schema (keys, types),
// module names, role references, notify targets, template and condition syntax (filter, test and lookup
// names), role template files, module arguments against each module's JSON Schema (the loader's, as in
// `run`), and variables that no source defines (errors with -i, which names the inventory's variables;
// warnings without it). Every problem of a file is reported in one pass.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { defineCommand } from './command.js'
import { ConfigError, UsageError, formatPosition, type TsplayError } from '../errors.js'
import { loadInventory } from '../inventory/load.js'
import { checkPlaybook, loadTaskFile } from '../playbook/load.js'
import { lintTemplates, playVariables, playbookAdjacentVars } from '../playbook/template-lint.js'
import type { Play, Task } from '../playbook/model.js'
import type { VaultKeyring } from '../vault/keyring.js'
import { listOf } from './common-options.js'
import { parseExtraVars } from './extra-vars.js'
import { VAULT_OPTIONS, keyringFromOptions } from './vault-options.js'
import type { ModuleInfo } from '../playbook/catalog.js'
import { displayPath } from '../playbook/files.js'
import { playTasks } from '../playbook/walk.js'
import type { Playbook } from '../playbook/model.js'
import type { Problem } from '../playbook/validate.js'
import { checkFile } from '../template/index.js'

async function loadModuleRegistry(): Promise<Record<string, ModuleInfo>> {
  return (await import('../modules/index.js')).modules
}

function roleTemplateProblems(playbook: Playbook): Problem[] {
  const problems: Problem[] = []
  const dirs = new Set(playbook.plays.flatMap((p) => p.roles.map((r) => join(r.role.path, 'templates'))))
  for (const dir of dirs) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir, { recursive: true }) as string[]) {
      const file = join(dir, name)
      if (!statSync(file).isFile()) continue
      try {
        checkFile(readFileSync(file, 'utf8'), displayPath(file))
      } catch (error) {
        const e = error as TsplayError
        problems.push({ message: e.message, position: e.position ?? { file: displayPath(file) }, hint: e.hint })
      }
    }
  }
  return problems
}

/** Problems grouped by file, in line order within a file (the order a reader fixes them in). */
function inFileOrder(problems: Problem[]): Problem[] {
  const files = [...new Set(problems.map((p) => p.position.file))]
  return [...problems].sort(
    (a, b) => files.indexOf(a.position.file) - files.indexOf(b.position.file) || (a.position.line ?? 0) - (b.position.line ?? 0) || (a.position.column ?? 0) - (b.position.column ?? 0),
  )
}

/** Every variable name the inventory gives a host or a group. */
async function inventoryVariableNames(sources: string[], playbookDir: string, keyring: VaultKeyring): Promise<Set<string>> {
  const inventory = await loadInventory(sources, { playbookDir, keyring })
  const names = new Set<string>()
  for (const host of inventory.hostNames()) for (const k of Object.keys(inventory.hostVars(host))) names.add(k)
  return names
}

/** The tasks of include_tasks files named literally (loaded at run time; here to see what they define and read). */
function staticIncludes(play: Play, modules: Record<string, ModuleInfo>, keyring: VaultKeyring, problems: Problem[]): Task[] {
  const playbookDir = play.baseDir
  const out: Task[] = []
  const seen = new Set<string>()
  const visit = (tasks: Task[]): void => {
    for (const task of tasks) {
      const file = String(task.args.file ?? task.args._raw_params ?? '')
      if (task.action !== 'include_tasks' || !file || file.includes('{{')) continue
      const key = `${task.baseDir}\0${file}`
      if (seen.has(key)) continue
      seen.add(key)
      try {
        const nodes = loadTaskFile(file, { baseDir: task.baseDir, role: task.role, playbookDir, modules, keyring, from: task.keyPos.include_tasks ?? task.pos })
        const inner = nodes.flatMap(function flat(n): Task[] {
          return n.kind === 'task' ? [n] : [...n.block, ...n.rescue, ...n.always].flatMap(flat)
        })
        out.push(...inner)
        visit(inner)
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error
        problems.push({ message: error.message, position: error.position ?? task.pos, hint: error.hint })
      }
    }
  }
  visit([...playTasks(play)].map((t) => t.task))
  return out
}

function describeProblem(p: Problem): string {
  return `${formatPosition(p.position)}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`
}

export default defineCommand({
  name: 'check',
  summary: 'validate a playbook without connecting: YAML, keys, types, modules, roles, templates, module arguments',
  usage: 'tsplay check PLAYBOOK... [options]',
  options: [
    { name: 'inventory', short: 'i', kind: 'list', valueName: 'INV', help: "the inventory the playbook runs with: its variables count as defined (repeatable)" },
    { name: 'extra-vars', short: 'e', kind: 'list', valueName: 'VARS', help: 'extra vars the playbook runs with (repeatable)' },
    { name: 'roles-path', kind: 'list', help: 'extra directory to search for roles (repeatable)', valueName: 'DIR' },
    ...VAULT_OPTIONS,
  ],
  async run(args) {
    if (args.positionals.length === 0) throw new UsageError('tsplay check needs a playbook', 'tsplay check site.yml')
    const modules = await loadModuleRegistry()
    const keyring = await keyringFromOptions(args.options)
    const sources = listOf(args.options.inventory)
    const extraVars = parseExtraVars(listOf(args.options['extra-vars']), keyring)
    let failed = false
    for (const file of args.positionals) {
      const loaded = checkPlaybook(file, { modules, keyring, extraVars, rolesPath: (args.options['roles-path'] as string[] | undefined) ?? [] })
      const { playbook } = loaded
      const problems: Problem[] = loaded.problems.map((e) => ({ message: e.message, position: e.position ?? { file }, hint: e.hint }))
      problems.push(...roleTemplateProblems(playbook))
      // module arguments were judged by the loader, with every other problem of a task (as in `run`)
      const tasks = playbook.plays.reduce((n, play) => n + [...playTasks(play)].length, 0)
      const known = new Set([...Object.keys(extraVars), ...playbookAdjacentVars(dirname(resolve(file)))])
      if (sources.length) for (const name of await inventoryVariableNames(sources, dirname(resolve(file)), keyring)) known.add(name)
      const warnings: Problem[] = []
      const included = new Map(playbook.plays.map((play) => [play, staticIncludes(play, modules, keyring, problems)]))
      for (const [play, tasks] of included) for (const name of playVariables(play, tasks) ?? []) known.add(name) // set_fact and register outlive their play
      for (const play of playbook.plays) {
        for (const p of lintTemplates({ play, known, included: included.get(play)! })) {
          if (p.undefinedVariable && !sources.length) warnings.push({ ...p, hint: 'unless the inventory defines it: pass -i to check against it' })
          else problems.push(p)
        }
      }
      for (const w of inFileOrder(warnings)) process.stderr.write(`tsplay: warning: ${describeProblem(w)}\n`)
      if (problems.length > 0) {
        for (const p of inFileOrder(problems)) process.stderr.write(`tsplay: ${describeProblem(p)}\n`)
        failed = true
        continue
      }
      const roles = new Set(playbook.plays.flatMap((p) => p.roles.map((r) => r.role.path))).size
      process.stdout.write(`${file}: ok — ${playbook.plays.length} plays, ${tasks} tasks, ${roles} roles\n`)
    }
    return failed ? 1 : 0 // problems already printed, one per line
  },
})
