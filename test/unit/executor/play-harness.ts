// Runs a playbook text through the executor the CLI uses, on hosts a, b and c as the controller
// (ansible_connection local), and collects every host result.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { runPlaybooks } from '../../../src/executor/run-playbook.js'
import { loadInventory } from '../../../src/inventory/load.js'
import { modules } from '../../../src/modules/index.js'
import { loadIncludedRole, loadPlaybook, loadTaskFile, loadVarsFile } from '../../../src/playbook/load.js'
import type { HostResultInfo, Reporter } from '../../../src/executor/events.js'
import type { RunOptions } from '../../../src/executor/types.js'
import { combineReporters } from '../../../src/reporters/combine.js'
import { LocalConnection } from '../../../src/connection/local.js'

let dir: string
/** Call at the top of a test file: each file gets its own directory for playbooks and their files. */
export function useScratchDir(): void {
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tsplay-sem-'))))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
}

export interface Run {
  code: number
  results: HostResultInfo[]
  stats: Record<string, Record<string, number>>
  ran: (task: string) => string[]
}

export async function play(yaml: string, options: { startAtTask?: string; files?: Record<string, string>; extraVars?: Record<string, unknown>; inventory?: string; prompt?: RunOptions['prompt']; addSecret?: RunOptions['addSecret'] } = {}): Promise<Run> {
  for (const [name, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.yml`)
  writeFileSync(file, yaml)
  const results: HostResultInfo[] = []
  const capture: Reporter = { onHostResult: (e) => void results.push(e) }
  const inventory = await loadInventory([options.inventory ?? 'a,b,c,'])
  const outcome = await runPlaybooks([loadPlaybook(file, { modules })], {
    inventory, check: false, diff: false, forks: 5, extraVars: options.extraVars ?? {}, tags: [], skipTags: [], becomeDefaults: {},
    startAtTask: options.startAtTask, prompt: options.prompt, addSecret: options.addSecret, reporter: combineReporters([capture]), modules,
    connect: (host) => new LocalConnection(host),
    loadTasks: (f, baseDir, role, playbookDir) => loadTaskFile(f, { baseDir, role, playbookDir, modules }),
    loadRole: (name, args, from) => loadIncludedRole(name, args, { ...from, from: from.where, modules }),
    loadVars: (f, baseDir) => loadVarsFile(resolve(baseDir, f)),
  })
  const ran = (task: string) => results.filter((r) => r.task.name === task && r.result.status !== 'skipped').map((r) => r.host)
  return { code: outcome.exitCode, results, stats: outcome.stats as unknown as Run['stats'], ran }
}

export const header = (extra = '') => `- hosts: all\n  gather_facts: false\n${extra}  tasks:\n`

