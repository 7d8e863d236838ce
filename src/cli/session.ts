// What `run` and `exec` share: vault keyring, inventory, become defaults, reporters, connections.
// Kept light (no engine, modules or templates): connections start before those load (prewarm.ts).
import { ansibleConfig, type AnsibleConfig } from '../config/load.js'
import { ConnectionPool, connectionFor } from '../connection/index.js'
import type { BecomeDefaults, RunOptions } from '../executor/types.js'
import type { FactCacheConfig } from '../facts/cache.js'
import { loadInventory } from '../inventory/load.js'
import type { Inventory } from '../inventory/types.js'
import type { Reporter } from '../executor/events.js'
import { combineReporters } from '../reporters/combine.js'
import { processSecrets, type VaultKeyring } from '../vault/index.js'
import { keyringFromOptions } from './vault-options.js'
import { hasTerminal, promptOnTerminal } from '../vault/prompt.js'
import type { OptionValues } from './args.js'
import { commaList, connectionOf, forksOf, listOf, timeoutMsOf } from './common-options.js'
import { parseExtraVars } from './extra-vars.js'
import { checkConnectionVars, checkLimit } from './inventory-checks.js'

export interface Session {
  inventory: Inventory
  keyring: VaultKeyring
  redact: (text: string) => string
  pool: ConnectionPool
  base: SessionBase
  /** The verb's reporters, plus --report's: made before any connection, so -vvv sees every handshake. */
  reporter: Required<Reporter>
}

/** What run and exec share of RunOptions; each adds the modules (loaded once connections are under way). */
export type SessionBase = Omit<RunOptions, 'reporter' | 'loadTasks' | 'loadRole' | 'loadVars' | 'modules'>

/** The verb's own reporters (text, JSON, JUnit), given the redactor. */
export type ReporterFactory = (redact: (text: string) => string) => Reporter[]

export async function openSession(options: OptionValues, playbookDir: string | undefined, reporters: ReporterFactory): Promise<Session> {
  const keyring = await keyringFromOptions(options)
  const redact = (text: string) => processSecrets.redact(text)
  const list = reporters(redact)
  if (typeof options.report === 'string') {
    const { HtmlReporter } = await import('../reporters/html/reporter.js') // only runs with --report load the page's code
    list.push(new HtmlReporter(options.report, redact))
  }
  const reporter = combineReporters(list)
  const connection = connectionOf(options)
  const timeoutMs = timeoutMsOf(options) // above ssh args and ~/.ssh/config, below ansible_ssh_timeout (as Ansible's -T)
  const sshArgs = { ansible_ssh_common_args: options['ssh-common-args'], ansible_ssh_extra_args: options['ssh-extra-args'] }
  const inventory = await loadInventory(listOf(options.inventory), { playbookDir, keyring })
  const becomeDefaults: BecomeDefaults = {
    become: options.become === true ? true : undefined,
    user: options['become-user'] as string | undefined,
    method: options['become-method'] as string | undefined,
  }
  if (options['ask-become-pass']) {
    becomeDefaults.password = await promptOnTerminal('BECOME password: ', {
      noTerminal: { what: 'the become password (-K)', hint: 'set ansible_become_password in a vaulted vars file instead' },
    })
    processSecrets.add(becomeDefaults.password)
  }
  let password: string | undefined
  if (options['ask-pass']) {
    password = await promptOnTerminal('SSH password: ', {
      noTerminal: { what: 'the SSH password (-k)', hint: 'use a key (--private-key), or set ansible_password in a vaulted vars file' },
    })
    processSecrets.add(password)
  }
  const config = ansibleConfig()
  const pool = new ConnectionPool({
    hostKeyChecking: config.get<boolean>('HOST_KEY_CHECKING'),
    port: config.get<number | null>('DEFAULT_REMOTE_PORT') ?? undefined,
    privateKeyFile: options['private-key'] as string | undefined,
    acceptNewHostKeys: options['accept-new-host-keys'] === true,
    password,
    timeoutMs,
    trace: Number(options.verbose ?? 0) >= 3 ? (host, message) => reporter.onConnectionDetail(host, message) : undefined,
  })
  const extraVars = parseExtraVars(listOf(options['extra-vars']), keyring)
  const limit = options.limit as string | undefined
  if (limit !== undefined) checkLimit(inventory, limit)
  checkConnectionVars(inventory, limit)
  return {
    inventory,
    keyring,
    redact,
    pool,
    reporter,
    base: {
      inventory,
      limit,
      check: options.check === true,
      diff: options.diff === true,
      verbosity: (options.verbose as number | undefined) ?? 0,
      // vault-encrypted controller files (copy's decrypt, the file lookup) open with the run's vault secrets;
      // without any, the module says so in Ansible's words
      ...(keyring.secrets.length ? { decryptVault: (text: string, file: string) => keyring.decrypt(text, { file }).plaintext } : {}),
      // vars_prompt asks on the terminal, as Ansible's getpass; without one, defaults (or -e) answer
      prompt: async (question, hidden) => (hasTerminal() ? promptOnTerminal(question, { echo: !hidden }) : undefined),
      forks: forksOf(options),
      extraVars,
      tags: commaList(options.tags),
      skipTags: commaList(options['skip-tags']),
      startAtTask: options['start-at-task'] as string | undefined,
      becomeDefaults,
      remoteUser: options.user as string | undefined,
      ...runSettings(config),
      connect: (host, vars) => {
        registerConnectionSecrets(vars)
        // the command line is below connection variables and keywords, as in Ansible
        const withDefaults: Record<string, unknown> = { ...vars }
        if (withDefaults.ansible_connection === undefined && connection) withDefaults.ansible_connection = connection
        for (const [key, value] of Object.entries(sshArgs)) if (withDefaults[key] === undefined && value !== undefined) withDefaults[key] = value
        return connectionFor(host, withDefaults, { pool })
      },
      addSecret: (value) => processSecrets.add(value),
    },
  }
}

/** fact_caching = jsonfile: facts kept in fact_caching_connection between runs (memory, the default, keeps none). */
function factCache(config: AnsibleConfig): FactCacheConfig | undefined {
  const plugin = config.get<string>('CACHE_PLUGIN')
  const dir = config.get<string | null>('CACHE_PLUGIN_CONNECTION')
  if ((plugin !== 'jsonfile' && plugin !== 'ansible.builtin.jsonfile') || !dir) return undefined
  return { dir, timeoutS: config.get<number>('CACHE_PLUGIN_TIMEOUT') }
}

/** Passwords from inventory or play vars never reach output. */
function registerConnectionSecrets(vars: Record<string, unknown>): void {
  for (const key of ['ansible_password', 'ansible_ssh_pass', 'ansible_become_password', 'ansible_become_pass']) {
    if (typeof vars[key] === 'string') processSecrets.add(vars[key] as string)
  }
}

/** The run's defaults that ansible.cfg / ANSIBLE_* give and no command-line option does. */
function runSettings(config: AnsibleConfig): Pick<SessionBase, 'gathering' | 'strategy' | 'anyErrorsFatal' | 'hostPatternMismatch' | 'factCache'> {
  const gathering = config.get<string>('DEFAULT_GATHERING')
  const mismatch = config.get<string>('HOST_PATTERN_MISMATCH')
  return {
    factCache: factCache(config),
    gathering: gathering === 'explicit' || gathering === 'smart' ? gathering : 'implicit',
    strategy: config.get<string>('DEFAULT_STRATEGY'),
    anyErrorsFatal: config.get<boolean>('ANY_ERRORS_FATAL'),
    hostPatternMismatch: mismatch === 'error' || mismatch === 'ignore' ? mismatch : 'warning',
  }
}
