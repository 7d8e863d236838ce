// tsplay exec PATTERN -m MODULE -a ARGS: one task on the hosts of a pattern (like `ansible`).
import { UsageError } from '../errors.js'
import { formatListHosts } from '../inventory/output.js'
import type { Play, Playbook, Task } from '../playbook/model.js'
import { AdhocReporter } from '../reporters/adhoc.js'
import { JsonReporter } from '../reporters/json.js'
import { defineCommand } from './command.js'
import { CONNECTION_OPTIONS } from './common-options.js'
import { prewarmPattern } from './prewarm.js'
import { openSession } from './session.js'

// loaded while the pattern's connections are being made
const loadEngine = async () => {
  const [{ runPlaybooks }, { modules }, { Catalog }, { normalizeTask }, { SourceMap }] = await Promise.all([
    import('../executor/run-playbook.js'),
    import('../modules/index.js'),
    import('../playbook/catalog.js'),
    import('../playbook/task.js'),
    import('../playbook/yaml.js'),
  ])
  return { runPlaybooks, modules, Catalog, normalizeTask, SourceMap }
}
type Engine = Awaited<ReturnType<typeof loadEngine>>

export default defineCommand({
  name: 'exec',
  summary: 'Run one module on the hosts of a pattern (like ansible PATTERN -m MODULE -a ARGS).',
  usage: 'tsplay exec PATTERN [-i INV] [-m MODULE] [-a ARGS] [options]',
  options: [
    ...CONNECTION_OPTIONS,
    { name: 'module-name', short: 'm', kind: 'string', valueName: 'MODULE', help: 'module to run (default command)' },
    { name: 'args', short: 'a', kind: 'string', valueName: 'ARGS', help: 'module arguments: k=v pairs, or a command line' },
    { name: 'list-hosts', kind: 'boolean', help: 'list the matching hosts, and stop' },
    { name: 'one-line', short: 'o', kind: 'boolean', help: 'one line per host (ansible -o)' },
  ],
  async run({ options, positionals }) {
    if (positionals.length !== 1) throw new UsageError('exec takes one host pattern', "e.g. tsplay exec all -i hosts.ini -a 'uptime'")
    const pattern = positionals[0]
    const session = await openSession(options, process.cwd(), (redact) => [
      options.json
        ? new JsonReporter(undefined, redact)
        : new AdhocReporter({ redact, oneLine: options['one-line'] === true, showDiff: options.diff === true, verbosity: Number(options.verbose ?? 0) }),
    ])
    if (options['list-hosts']) {
      const limited = new Set(session.base.limit ? session.inventory.select(session.base.limit) : session.inventory.hostNames())
      process.stdout.write(formatListHosts(session.inventory.select(pattern).filter((h) => limited.has(h))) + '\n')
      return 0
    }
    try {
      prewarmPattern(session, pattern)
      const engine = await loadEngine()
      const task = adhocTask(engine, String(options['module-name'] ?? 'command'), options.args as string | undefined)
      const outcome = await engine.runPlaybooks([adhocPlaybook(pattern, task)], {
        ...session.base,
        modules: engine.modules,
        reporter: session.reporter,
        loadTasks: () => [],
        loadRole: () => ({ blocks: [], handlers: [], roles: [] }),
        loadVars: () => ({}),
      })
      return outcome.exitCode
    } finally {
      await session.pool.closeAll()
    }
  },
})

/** The task a playbook line `MODULE: ARGS` would give, checked the same way. */
function adhocTask({ normalizeTask, SourceMap, Catalog, modules }: Engine, module: string, args: string | undefined): Task {
  const raw = { name: module, [module]: args ?? null }
  const node = normalizeTask(raw, {
    map: new SourceMap('<command line>'),
    catalog: new Catalog(modules),
    baseDir: process.cwd(),
    importTasks: () => {
      throw new UsageError('import_tasks cannot be used ad hoc')
    },
  })
  if (node.kind !== 'task') throw new UsageError(`'${module}' cannot be run ad hoc`)
  return node
}

function adhocPlaybook(pattern: string, task: Task): Playbook {
  const pos = { file: '<command line>' }
  const play: Play = {
    kind: 'play', name: `Ad-hoc: ${task.action}`, hosts: pattern, gather_facts: false, serial: [], strategy: 'linear',
    vars_files: [], publicRoles: [], pre_tasks: [], roles: [], tasks: [task], post_tasks: [], handlers: [], baseDir: process.cwd(), file: pos.file,
    when: [], tags: [], vars: {}, pos, keyPos: {}, valuePos: {},
  }
  return { file: pos.file, plays: [play] }
}
