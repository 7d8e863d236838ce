// `tsplay check PLAYBOOK…`: everything that can be wrong before connecting — YAML, schema (keys, types),
// module names, role references, notify targets, template and condition syntax, role template files, and
// module arguments against each module's JSON Schema (the loader's, as in `run`). Every problem of a file
// is reported in one pass.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { defineCommand } from './command.js'
import { UsageError, formatPosition, type TsplayError } from '../errors.js'
import { checkPlaybook } from '../playbook/load.js'
import { VAULT_OPTIONS, keyringFromOptions } from './vault-options.js'
import type { ModuleInfo } from '../playbook/catalog.js'
import { displayPath } from '../playbook/files.js'
import { playTasks } from '../playbook/walk.js'
import type { Playbook } from '../playbook/model.js'
import type { Problem } from '../playbook/validate.js'
import { checkSyntax } from '../template/index.js'

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
        checkSyntax(readFileSync(file, 'utf8'), { where: { file: displayPath(file) }, isFile: true })
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

function describeProblem(p: Problem): string {
  return `${formatPosition(p.position)}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`
}

export default defineCommand({
  name: 'check',
  summary: 'validate a playbook without connecting: YAML, keys, types, modules, roles, templates, module arguments',
  usage: 'tsplay check PLAYBOOK... [options]',
  options: [{ name: 'roles-path', kind: 'list', help: 'extra directory to search for roles (repeatable)', valueName: 'DIR' }, ...VAULT_OPTIONS],
  async run(args) {
    if (args.positionals.length === 0) throw new UsageError('tsplay check needs a playbook', 'tsplay check site.yml')
    const modules = await loadModuleRegistry()
    const keyring = await keyringFromOptions(args.options)
    let failed = false
    for (const file of args.positionals) {
      const loaded = checkPlaybook(file, { modules, keyring, rolesPath: (args.options['roles-path'] as string[] | undefined) ?? [] })
      const { playbook } = loaded
      const problems: Problem[] = loaded.problems.map((e) => ({ message: e.message, position: e.position ?? { file }, hint: e.hint }))
      problems.push(...roleTemplateProblems(playbook))
      // module arguments were judged by the loader, with every other problem of the task
      const tasks = playbook.plays.reduce((n, play) => n + [...playTasks(play)].length, 0)
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
