// tsplay run PLAYBOOK... : ansible-playbook's flags, output and exit codes.
import { writeFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { runPlaybooks } from '../executor/run-playbook.js'
import { loadPlaybook, loadTaskFile, loadVarsFile } from '../playbook/load.js'
import type { Playbook } from '../playbook/model.js'
import { modules } from '../modules/index.js'
import { UsageError } from '../errors.js'
import type { OptionValues } from './args.js'
import { defineCommand } from './command.js'
import { CONNECTION_OPTIONS } from './common-options.js'
import { printPlaybookListing } from './run-listing.js'
import { openSession, reportersFor, type Session } from './session.js'
import { FileCache } from '../playbook/files.js'

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
    const load = { modules, extraVars: session.base.extraVars, keyring: session.keyring }
    const playbooks: Playbook[] = files.map((f) => loadPlaybook(f, load))
    if (options['syntax-check']) {
      for (const p of positionals) process.stdout.write(`\nplaybook: ${p}\n`)
      return 0
    }
    if (options['list-hosts'] || options['list-tasks']) {
      for (const playbook of playbooks) printPlaybookListing(playbook, session.base, options)
      return 0
    }
    return runAll(playbooks, options, session)
  },
})

async function runAll(playbooks: Playbook[], options: OptionValues, session: Session): Promise<number> {
  const varsFiles = new FileCache(session.keyring)
  try {
    const outcome = await runPlaybooks(playbooks, {
      ...session.base,
      reporter: reportersFor(options, session.redact),
      loadTasks: (file, baseDir, role) => loadTaskFile(file, { baseDir, role, modules, keyring: session.keyring }),
      loadVars: (file, baseDir) => loadVarsFile(resolve(baseDir, file), undefined, varsFiles),
    })
    if (outcome.failedHosts.length) writeRetryFile(playbooks[0].file, options, outcome.failedHosts)
    return outcome.exitCode
  } finally {
    await session.pool.closeAll()
  }
}

function writeRetryFile(playbookFile: string, options: OptionValues, hosts: string[]): void {
  const file = (options['retry-file'] as string | undefined) ?? resolve(dirname(playbookFile), `${basename(playbookFile).replace(/\.ya?ml$/, '')}.retry`)
  writeFileSync(file, hosts.join('\n') + '\n')
  process.stderr.write(`to retry, use: --limit @${file}\n`)
}

