// async/poll and task timeouts, as Ansible's TaskExecutor runs them. A job runs in this tsplay process
// (the module's commands on the host over the open connection); async_status reads this run's job table.
// Ansible's jobs outlive ansible-playbook on the host; tsplay's end with the run, so a run waits for its
// unfinished jobs (each at most its `async` seconds) before it closes the connections.
import { randomInt } from 'node:crypto'
import type { AsyncJobTable, TaskResult } from '../modules/types.js'

type Result = TaskResult & { delegatedTo?: string }

interface Job {
  done?: Result
  finished: Promise<Result>
}

// Ansible's action plugins that refuse async ("async is not supported for this task.")
const NO_ASYNC = new Set([
  'add_host', 'assemble', 'assert', 'async_status', 'copy', 'debug', 'fail', 'fetch', 'gather_facts', 'group_by', 'include_vars',
  'pause', 'raw', 'script', 'set_fact', 'set_stats', 'template', 'unarchive', 'validate_argument_spec', 'wait_for_connection',
])

export class AsyncJobs implements AsyncJobTable {
  private readonly jobs = new Map<string, Job>()

  /**
   * Runs `work` as an async task: with poll > 0 it waits (at most `seconds`) and returns the module's result
   * with the job's keys; with poll 0 it returns at once, the job running on (async_status reads it).
   */
  async run(action: string, seconds: number, poll: number, work: () => Promise<Result>): Promise<Result> {
    if (NO_ASYNC.has(action)) return { status: 'failed', msg: 'async is not supported for this task.', data: {} }
    const jid = `j${randomInt(1e11, 1e12)}.${process.pid}`
    const job: Job = { finished: undefined as unknown as Promise<Result> }
    const timedOut = (): Result => ({ status: 'failed', msg: 'Timeout exceeded', data: {} })
    const running = work()
    job.finished = within(running, seconds, timedOut).then((r) => (job.done = r))
    this.jobs.set(jid, job)
    const ids = { ansible_job_id: jid, started: 1, results_file: resultsFile(jid) }
    if (poll === 0) return { status: 'changed', data: { ...ids, finished: 0 } }
    const pending = Symbol('pending')
    const outcome = await within<Result | typeof pending>(running, seconds, () => pending)
    if (outcome === pending) {
      const msg = `async task did not complete within the requested time - ${seconds}s`
      return { status: 'failed', msg, data: { async_result: { ...ids, finished: 0 } } }
    }
    return { ...outcome, data: { ...outcome.data, ...ids, finished: 1 } }
  }

  status(jid: string, mode: 'status' | 'cleanup'): TaskResult {
    const job = this.jobs.get(jid)
    const ids = { ansible_job_id: jid, started: 1, results_file: resultsFile(jid) }
    if (!job) return { status: 'failed', msg: 'could not find job', data: { ...ids, finished: 1 } }
    if (mode === 'cleanup') {
      this.jobs.delete(jid)
      return { status: 'ok', data: { ansible_job_id: jid, erased: resultsFile(jid) } }
    }
    if (!job.done) return { status: 'ok', data: { ...ids, finished: 0 } }
    return { ...job.done, data: { ...job.done.data, ...ids, finished: 1 } }
  }

  /** The jobs still running: the run waits for them before it closes the connections. */
  unfinished(): Array<Promise<unknown>> {
    return [...this.jobs.values()].filter((j) => !j.done).map((j) => j.finished)
  }
}

/** A task's `timeout:` (seconds; 0 is none): the task fails when the module takes longer, as Ansible's. */
export function withTaskTimeout(action: string, seconds: number, work: Promise<Result>): Promise<Result> {
  if (!(seconds > 0)) return work
  const msg = `The ${action} action failed to execute in the expected time frame (${seconds}) and was terminated`
  return within(work, seconds, () => ({ status: 'failed', msg, data: {} }))
}

function within<T>(work: Promise<T>, seconds: number, late: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(late()), seconds * 1000)))
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

// Where Ansible's job writes its result; tsplay keeps results in memory and reports the same path.
const resultsFile = (jid: string) => `~/.ansible_async/${jid}`
