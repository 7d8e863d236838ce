// One result type for every task on every host.
import type { Connection, BecomeOptions } from '../connection/types.js'

export type TaskStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable'

export interface Diff {
  path?: string
  before: string
  after: string
}

export interface TaskResult {
  status: TaskStatus
  msg?: string
  diff?: Diff[]
  data: Record<string, unknown> // what `register` stores (rc, stdout, stat, …)
}

/** The run's async jobs, as async_status reads them. */
export interface AsyncJobTable {
  status(jid: string, mode: 'status' | 'cleanup'): TaskResult
}

export interface ModuleContext {
  host: string
  conn: Connection
  check: boolean // -C: decide and report, change nothing
  /**
   * Check mode, after an earlier task of this run predicted a change on this host that was not made: what
   * it would have made (a directory, a package's service) may be missing. A module whose target needs it
   * predicts (changed, saying what it assumes) instead of failing, as a real run would find it there.
   */
  afterPredictedChanges?: boolean
  diff: boolean // -D: fill TaskResult.diff
  /**
   * false when nothing reads the result's module keys: the task registers nothing, has no failed_when or
   * until, runs no async job, and no reporter shows them (Reporter.showsResultData). A module may then
   * skip work done only for those keys; its status, message and diff stay as they are.
   */
  resultRead?: boolean
  /** -v count (debug's verbosity: threshold). */
  verbosity?: number
  become?: BecomeOptions
  vars: Record<string, unknown> // the host's merged variables (read-only)
  /** Where `src:` / template lookups resolve (role files/ and templates/, playbook dir). */
  searchPaths: string[]
  /** This run's async jobs (async_status). */
  asyncJobs?: AsyncJobTable
  /** Renders a Handlebars template with the task's variables (template module). */
  render?: (template: string, file: string) => string
  /** Aborted on SIGINT/SIGTERM (reason: the signal's name): a module waiting on the controller stops. */
  signal?: AbortSignal
  /** Decrypts an ansible-vault envelope with the run's vault secrets (absent when none were given). */
  decryptVault?: (text: string, file: string) => Buffer
}

export interface ModuleDefinition<Args = Record<string, unknown>> {
  name: string
  /** JSON Schema for the args; ajv validates before run() and errors name the bad key. */
  schema: Record<string, unknown>
  /** Modules that take a free-form string (command, shell, raw, script) set this to the arg it fills. */
  freeForm?: string
  /** Runs on the controller only (debug, set_fact, assert…): the executor does not need a connection. */
  local?: boolean
  /** Runs once per task, on the first host, as Ansible's BYPASS_HOST_LOOP actions do (add_host). */
  bypassHostLoop?: boolean
  run(ctx: ModuleContext, args: Args): Promise<TaskResult>
}

export function defineModule<Args>(definition: ModuleDefinition<Args>): ModuleDefinition<Args> {
  return definition
}
