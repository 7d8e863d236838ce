// A task result as Ansible's callbacks see it (`result._result`): the module's return values, `msg`,
// `changed`, the status flags Ansible adds (failed/skipped/unreachable: true) and `diff` entries.
// Shared by --json and the ad-hoc output.
import { ansibleDiff } from '../modules/lib/result.js'
import type { TaskResult, TaskStatus } from '../modules/types.js'

export const NO_LOG_MESSAGE = "the output has been hidden due to the fact that 'no_log: true' was specified for this result"

type Json = Record<string, unknown>

export function resultFlags(status: TaskStatus): Json {
  return status === 'failed' || status === 'skipped' || status === 'unreachable' ? { [status]: true } : {}
}

export function resultBody(result: TaskResult): Json {
  return {
    ...result.data,
    ...(result.msg !== undefined ? { msg: result.msg } : {}),
    ...(result.diff?.length ? { diff: ansibleDiff(result.diff) } : {}),
    changed: result.status === 'changed',
    ...resultFlags(result.status),
  }
}

/** A looped task's result on a host from its items' results, as Ansible folds them. */
export function loopSummary(items: Json[]): Json {
  const any = (key: string) => items.some((i) => i[key] === true)
  const allSkipped = items.length > 0 && items.every((i) => i.skipped === true)
  return {
    changed: any('changed'),
    msg: any('failed') ? 'One or more items failed' : allSkipped ? 'All items skipped' : 'All items completed',
    results: items,
    ...(any('failed') ? { failed: true } : {}),
    ...(allSkipped ? { skipped: true } : {}),
    ...(any('unreachable') ? { unreachable: true } : {}),
  }
}

/** Python's json.dumps(sort_keys=True): every mapping's keys in code point order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value instanceof String) return String(value)
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return sortKeys((value as { toJSON(): unknown }).toJSON()) // Buffer, Date, UnsafeText: as JSON.stringify sees them
  }
  if (value === null || typeof value !== 'object') return value
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(keys.map((k) => [k, sortKeys((value as Json)[k])]))
}
