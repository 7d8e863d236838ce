// tsplay run PLAYBOOK... : ansible-playbook's flags, output and exit codes.
import { ansibleConfig } from '../config/load.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import type { RunOptions } from '../executor/types.js'
import type { Playbook } from '../playbook/model.js'
import { UsageError } from '../errors.js'
import type { OptionValues } from './args.js'
import { defineCommand } from './command.js'
import { CONNECTION_OPTIONS } from './common-options.js'
import { installInterrupt, type Interrupt } from './interrupt.js'
import { prewarmPlaybook } from './prewarm.js'
import { openSession, type Session } from './session.js'
import { stepper } from './step.js'
import type { Reporter } from '../executor/events.js'
import { HumanReporter } from '../reporters/human.js'
import { JsonReporter } from '../reporters/json.js'
import { JunitReporter } from '../reporters/junit.js'
import { TimingReporter } from '../reporters/timing.js'

// the engine, modules and templates load while the first play's connections are being made
const loadEngine = async () => {
  const [{ runPlaybooks }, load, { modules }, { FileCache }, { printPlaybookListing }] = await Promise.all([
    import('../executor/run-playbook.js'),
    import('../playbook/load.js'),
    import('../modules/index.js'),
    import('../playbook/files.js'),
    import('./run-listing.js'),
  ])
  return { runPlaybooks, ...load, modules, FileCache, printPlaybookListing }
}
type Engine = Awaited<ReturnType<typeof loadEngine>>

export default defineCommand({
  name: 'run',
  summary: 'Run playbooks against the hosts of an inventory (like ansible-playbook).',
  usage: 'tsplay run PLAYBOOK... [-i INV] [options]',
  options: [
    ...CONNECTION_OPTIONS,
    { name: 'tags', short: 't', kind: 'list', valueName: 'TAGS', help: 'only run tasks with these tags' },
    { name: 'skip-tags', kind: 'list', valueName: 'TAGS', help: 'skip tasks with these tags' },
    { name: 'start-at-task', kind: 'string', valueName: 'NAME', help: 'start at the task with this name' },
    { name: 'list-hosts', kind: 'boolean', help: 'list the hosts each play would run on, and stop' },
    { name: 'list-tasks', kind: 'boolean', help: 'list the tasks each play would run, and stop' },
    { name: 'list-tags', kind: 'boolean', help: 'list the tags of each play and its tasks, and stop' },
    { name: 'syntax-check', kind: 'boolean', help: 'check the playbook, and stop' },
    { name: 'step', kind: 'boolean', help: 'ask before each task: (N)o/(y)es/(c)ontinue, answered on stdin' },
    { name: 'force-handlers', kind: 'boolean', help: 'run notified handlers even on hosts that failed' },
    { name: 'flush-cache', kind: 'boolean', help: 'gather facts afresh (always so: tsplay keeps no fact cache between runs)' },
    { name: 'timing', kind: 'boolean', help: 'print the slowest tasks and play times after the recap (default: when the run took over 5 s)' },
    { name: 'no-timing', kind: 'boolean', help: 'never print the timing summary' },
    { name: 'junit', kind: 'string', valueName: 'FILE', help: 'also write a JUnit XML report' },
    { name: 'retry-file', kind: 'string', valueName: 'FILE', help: 'where to list failed hosts (default: PLAYBOOK.retry beside the playbook)' },
  ],
  async run({ options, positionals }) {
    if (positionals.length === 0) throw new UsageError('no playbook given', 'tsplay run PLAYBOOK.yml -i INVENTORY')
    const files = positionals.map((p) => resolve(p))
    const interrupt = installInterrupt() // from here on a signal stops the run cleanly (interrupt.ts)
    let session: Session | undefined
    try {
      session = await openSession(options, dirname(files[0]), (redact) => textReporters(options, redact))
      return await runOrList(files, positionals, options, session, interrupt)
    } finally {
      interrupt.uninstall()
      await session?.pool.closeAll()
    }
  },
})

async function runOrList(files: string[], positionals: string[], options: OptionValues, session: Session, interrupt: Interrupt): Promise<number> {
  const listing = options['syntax-check'] || options['list-hosts'] || options['list-tasks'] || options['list-tags']
  if (!listing) prewarmPlaybook(session, files[0])
  const engine = await loadEngine()
  const load = { modules: engine.modules, extraVars: session.base.extraVars, keyring: session.keyring }
  const playbooks: Playbook[] = files.map((f) => engine.loadPlaybook(f, load))
  if (options['syntax-check']) {
    for (const p of positionals) process.stdout.write(`\nplaybook: ${p}\n`)
    return 0
  }
  if (listing) {
    for (const playbook of playbooks) engine.printPlaybookListing(playbook, session.base, options)
    return 0
  }
  return runAll(engine, playbooks, options, session, interrupt)
}

async function runAll(engine: Engine, playbooks: Playbook[], options: OptionValues, session: Session, interrupt: Interrupt): Promise<number> {
  const { modules } = engine
  const varsFiles = new engine.FileCache(session.keyring)
  const outcome = await engine.runPlaybooks(playbooks, {
    ...session.base,
    modules,
    reporter: session.reporter,
    forceHandlers: options['force-handlers'] === true,
    step: options.step ? stepper() : undefined,
    loadTasks: (file, baseDir, role, playbookDir) => engine.loadTaskFile(file, { baseDir, role, playbookDir, modules, keyring: session.keyring }),
    loadRole: (name, args, from) => engine.loadIncludedRole(name, args, { ...from, from: from.where, modules, keyring: session.keyring }),
    loadVars: (file, baseDir) => engine.loadVarsFile(resolve(baseDir, file), undefined, varsFiles),
    signal: interrupt.signal,
  })
  if (outcome.failedHosts.length && (options['retry-file'] !== undefined || ansibleConfig().get('RETRY_FILES_ENABLED'))) {
    writeRetryFile(playbooks[0].file, options, outcome.failedHosts)
  }
  return interrupt.exitCode() ?? outcome.exitCode
}

function textReporters(options: OptionValues, redact: (t: string) => string): Reporter[] {
  const list: Reporter[] = []
  const verbosity = (options.verbose as number | undefined) ?? 0
  if (options.json) list.push(new JsonReporter(undefined, redact))
  else {
    list.push(new HumanReporter({ verbosity, showDiff: options.diff === true, redact }))
    const timing = options['no-timing'] ? 'off' : options.timing ? 'on' : 'auto'
    if (timing !== 'off') list.push(new TimingReporter({ always: timing === 'on', redact }))
  }
  if (typeof options.junit === 'string') list.push(new JunitReporter(options.junit, redact))
  return list
}

/**
 * --retry-file, or with retry_files_enabled PLAYBOOK.retry in retry_files_save_path (default: beside the
 * playbook). One that cannot be written is a warning, as in Ansible: the run's own exit code stands.
 */
function writeRetryFile(playbookFile: string, options: OptionValues, hosts: string[]): void {
  const dir = ansibleConfig().get<string | null>('RETRY_FILES_SAVE_PATH') ?? dirname(playbookFile)
  const file = (options['retry-file'] as string | undefined) ?? resolve(dir, `${basename(playbookFile).replace(/\.ya?ml$/, '')}.retry`)
  try {
    mkdirSync(dirname(file), { recursive: true }) // as Ansible makes retry_files_save_path
    writeFileSync(file, hosts.join('\n') + '\n')
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    process.stderr.write(`[WARNING]: Could not create retry file '${file}'. ${e.code ?? 'error'}: ${e.message.replace(/^\w+: /, '')}\n`)
    return
  }
  process.stderr.write(`to retry, use: --limit @${file}\n`)
}

