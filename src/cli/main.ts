// Entry point: dispatch to one verb, map errors to Ansible-like exit codes.
import { createRequire } from 'node:module'
import { parseArgs, formatOptions } from './args.js'
import type { Command } from './command.js'
import { TsplayError, UsageError } from '../errors.js'
import { suggestion } from '../util/did-you-mean.js'
import { processSecrets } from '../vault/redact.js'
import { flushStdout } from '../reporters/batched-write.js'

const verbs = {
  run: () => import('./run.js'),
  exec: () => import('./exec.js'),
  inventory: () => import('./inventory.js'),
  check: () => import('./check.js'),
  lab: () => import('./lab.js'),
  vault: () => import('./vault.js'),
  doc: () => import('./doc.js'),
  config: () => import('./config.js'),
} satisfies Record<string, () => Promise<{ default: Command }>>

export type Verb = keyof typeof verbs

// the verbs whose options take their defaults from ansible.cfg and ANSIBLE_*, as Ansible's own commands do
const CONFIGURED = new Set(['run', 'exec', 'check', 'inventory', 'vault'])

export const EXIT = { ok: 0, error: 1, usage: 2, hostFailed: 2, unreachable: 4, unexpected: 250 } as const

const summaries: Record<Verb, string> = {
  run: 'run playbooks against an inventory',
  exec: 'run one module ad hoc on the hosts of a pattern',
  inventory: 'show, graph and explain an inventory',
  check: 'validate a playbook without connecting',
  lab: 'throwaway SSH hosts on this machine (network namespaces + overlay root + sshd)',
  vault: 'encrypt and decrypt ansible-vault compatible files',
  doc: "show a module's arguments and examples (like ansible-doc); -l lists the modules",
  config: 'show the Ansible configuration tsplay reads (ansible.cfg, ANSIBLE_*), like ansible-config',
}

export function version(): string {
  const require = createRequire(import.meta.url)
  return (require('../../package.json') as { version: string }).version
}

function topHelp(): string {
  const width = Math.max(...Object.keys(verbs).map((v) => v.length))
  const lines = Object.entries(summaries).map(([v, s]) => `  ${v.padEnd(width)}  ${s}`)
  return ['Usage: tsplay VERB [options]', '', 'Verbs:', ...lines, '', 'tsplay VERB --help for a verb\'s options.'].join('\n')
}

export function commandHelp(command: Command): string {
  return [`Usage: ${command.usage}`, '', command.summary, '', 'Options:', formatOptions(command.options)].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  try {
    const [first, ...rest] = argv
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      process.stdout.write(topHelp() + '\n')
      return first === undefined ? EXIT.usage : EXIT.ok
    }
    if (first === '--version' || first === '-V') {
      process.stdout.write(`tsplay ${version()}\n`)
      return EXIT.ok
    }
    if (!(first in verbs)) {
      const what = first.startsWith('-') ? 'option' : 'verb'
      throw new UsageError(`unknown ${what} '${first}'`, suggestion(first, Object.keys(verbs)) ?? 'see tsplay --help')
    }
    const command = (await verbs[first as Verb]()).default
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(commandHelp(command) + '\n')
      return EXIT.ok
    }
    const args = parseArgs(rest, command.options)
    if (CONFIGURED.has(first)) {
      const { withConfigDefaults, warnUnreadSettings } = await import('./config-defaults.js')
      args.options = withConfigDefaults(args.options, command.options)
      if (first === 'run' || first === 'exec') warnUnreadSettings()
    }
    return await command.run(args)
  } catch (error) {
    return reportError(error)
  }
}

export function reportError(error: unknown): number {
  flushStdout() // the results printed so far come before the error, as they happened
  if (error instanceof TsplayError) {
    process.stderr.write(`tsplay: ${processSecrets.redact(error.describe())}\n`)
    return error.code === 'USAGE' ? EXIT.usage : EXIT.error
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`tsplay: unexpected error: ${processSecrets.redact(text)}\n`)
  return EXIT.unexpected
}
