// tsplay run PLAYBOOK... : ansible-playbook's flags, output and exit codes.
import { writeFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import type { RunOptions } from '../executor/types.js'
import type { Playbook } from '../playbook/model.js'
import { UsageError } from '../errors.js'
import type { OptionValues } from './args.js'
import { defineCommand } from './command.js'
import { CONNECTION_OPTIONS } from './common-options.js'
import { prewarmPlaybook } from './prewarm.js'
import { openSession, reportersFor, type Session } from './session.js'

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
    { name: 'syntax-check', kind: 'boolean', help: 'check the playbook, and stop' },
    { name: 'junit', kind: 'string', valueName: 'FILE', help: 'also write a JUnit XML report' },
    { name: 'retry-file', kind: 'string', valueName: 'FILE', help: 'where to list failed hosts (default: PLAYBOOK.retry beside the playbook)' },
  ],
  async run({ options, positionals }) {
    if (positionals.length === 0) throw new UsageError('no playbook given', 'tsplay run PLAYBOOK.yml -i INVENTORY')
    const files = positionals.map((p) => resolve(p))
    const session = await openSession(options, dirname(files[0]))
    const listing = options['syntax-check'] || options['list-hosts'] || options['list-tasks']
    try {
      if (!listing) prewarmPlaybook(session, files[0])
      const engine = await loadEngine()
      const load = { modules: engine.modules, extraVars: session.base.extraVars, keyring: session.keyring }
      const playbooks: Playbook[] = files.map((f) => engine.loadPlaybook(f, load))
      if (options['syntax-check']) {
        for (const p of positionals) process.stdout.write(`\nplaybook: ${p}\n`)
        return 0
      }
      if (options['list-hosts'] || options['list-tasks']) {
        for (const playbook of playbooks) engine.printPlaybookListing(playbook, session.base, options)
        return 0
      }
      return await runAll(engine, playbooks, options, session)
    } finally {
      await session.pool.closeAll()
    }
  },
})

async function runAll(engine: Engine, playbooks: Playbook[], options: OptionValues, session: Session): Promise<number> {
  const { modules } = engine
  const varsFiles = new engine.FileCache(session.keyring)
  const outcome = await engine.runPlaybooks(playbooks, {
    ...session.base,
    ...factSettings(process.env),
    modules,
    reporter: reportersFor(options, session.redact),
    loadTasks: (file, baseDir, role, playbookDir) => engine.loadTaskFile(file, { baseDir, role, playbookDir, modules, keyring: session.keyring }),
    loadVars: (file, baseDir) => engine.loadVarsFile(resolve(baseDir, file), undefined, varsFiles),
  })
  if (outcome.failedHosts.length) writeRetryFile(playbooks[0].file, options, outcome.failedHosts)
  return outcome.exitCode
}

// Stop-gap until ansible.cfg / ANSIBLE_* configuration is read in one place: the fact cache (jsonfile
// only) and `gathering` from Ansible's environment variables.
function factSettings(env: NodeJS.ProcessEnv): Pick<RunOptions, 'factCache' | 'gathering'> {
  const out: Pick<RunOptions, 'factCache' | 'gathering'> = {}
  const plugin = env.ANSIBLE_CACHE_PLUGIN
  if ((plugin === 'jsonfile' || plugin === 'ansible.builtin.jsonfile') && env.ANSIBLE_CACHE_PLUGIN_CONNECTION) {
    const timeout = Number(env.ANSIBLE_CACHE_PLUGIN_TIMEOUT ?? 86400)
    out.factCache = { dir: env.ANSIBLE_CACHE_PLUGIN_CONNECTION, timeoutS: Number.isFinite(timeout) ? timeout : 86400, prefix: env.ANSIBLE_CACHE_PLUGIN_PREFIX }
  }
  const gathering = env.ANSIBLE_GATHERING
  if (gathering === 'implicit' || gathering === 'explicit' || gathering === 'smart') out.gathering = gathering
  return out
}

function writeRetryFile(playbookFile: string, options: OptionValues, hosts: string[]): void {
  const file = (options['retry-file'] as string | undefined) ?? resolve(dirname(playbookFile), `${basename(playbookFile).replace(/\.ya?ml$/, '')}.retry`)
  writeFileSync(file, hosts.join('\n') + '\n')
  process.stderr.write(`to retry, use: --limit @${file}\n`)
}

