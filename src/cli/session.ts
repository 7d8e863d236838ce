// What `run` and `exec` share: vault keyring, inventory, become defaults, reporters, connections.
// Kept light (no engine, modules or templates): connections start before those load (prewarm.ts).
import { ConnectionPool, connectionFor } from '../connection/index.js'
import type { BecomeDefaults, RunOptions } from '../executor/types.js'
import { loadInventory } from '../inventory/load.js'
import type { Inventory } from '../inventory/types.js'
import { HumanReporter } from '../reporters/human.js'
import { JsonReporter } from '../reporters/json.js'
import { JunitReporter } from '../reporters/junit.js'
import type { Reporter } from '../executor/events.js'
import { combineReporters } from '../reporters/combine.js'
import { processSecrets, type VaultKeyring } from '../vault/index.js'
import { keyringFromOptions } from './vault-options.js'
import { promptOnTerminal } from '../vault/prompt.js'
import type { OptionValues } from './args.js'
import { commaList, forksOf, listOf, timeoutOf } from './common-options.js'
import { parseExtraVars } from './extra-vars.js'
import { checkConnectionVars, checkLimit } from './inventory-checks.js'

export interface Session {
  inventory: Inventory
  keyring: VaultKeyring
  redact: (text: string) => string
  pool: ConnectionPool
  base: SessionBase
}

/** What run and exec share of RunOptions; each adds the modules (loaded once connections are under way). */
export type SessionBase = Omit<RunOptions, 'reporter' | 'loadTasks' | 'loadVars' | 'modules'>

export async function openSession(options: OptionValues, playbookDir?: string): Promise<Session> {
  const keyring = await keyringFromOptions(options)
  const redact = (text: string) => processSecrets.redact(text)
  const inventory = await loadInventory(listOf(options.inventory), { playbookDir, keyring })
  const becomeDefaults: BecomeDefaults = {
    become: options.become === true ? true : undefined,
    user: options['become-user'] as string | undefined,
    method: options['become-method'] as string | undefined,
  }
  if (options['ask-become-pass']) {
    becomeDefaults.password = await promptOnTerminal('BECOME password: ', { purpose: 'become' })
    processSecrets.add(becomeDefaults.password)
  }
  const pool = new ConnectionPool({
    privateKeyFile: options['private-key'] as string | undefined,
    acceptNewHostKeys: options['accept-new-host-keys'] === true,
    timeoutMs: timeoutOf(options),
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
    base: {
      inventory,
      limit,
      check: options.check === true,
      diff: options.diff === true,
      forks: forksOf(options),
      extraVars,
      tags: commaList(options.tags),
      skipTags: commaList(options['skip-tags']),
      startAtTask: options['start-at-task'] as string | undefined,
      becomeDefaults,
      remoteUser: options.user as string | undefined,
      connect: (host, vars) => {
        registerConnectionSecrets(vars)
        return connectionFor(host, vars, { pool })
      },
      addSecret: (value) => processSecrets.add(value),
    },
  }
}

/** Passwords from inventory or play vars never reach output. */
function registerConnectionSecrets(vars: Record<string, unknown>): void {
  for (const key of ['ansible_password', 'ansible_ssh_pass', 'ansible_become_password', 'ansible_become_pass']) {
    if (typeof vars[key] === 'string') processSecrets.add(vars[key] as string)
  }
}

export function reportersFor(options: OptionValues, redact: (t: string) => string): Required<Reporter> {
  const list: Reporter[] = []
  if (options.json) list.push(new JsonReporter(undefined, redact))
  else list.push(new HumanReporter({ verbosity: (options.verbose as number | undefined) ?? 0, showDiff: options.diff === true, redact }))
  if (typeof options.junit === 'string') list.push(new JunitReporter(options.junit, redact))
  return combineReporters(list)
}
