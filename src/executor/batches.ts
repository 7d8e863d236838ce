// `serial:` splits a play's hosts into batches, like Ansible: a number, a percentage, or a list of
// either (the last entry repeats until every host is placed).
import { ConfigError } from '../errors.js'

export type SerialSpec = number | string | Array<number | string> | undefined

export function batches<T>(hosts: T[], serial: SerialSpec): T[][] {
  if (serial === undefined || serial === null || hosts.length === 0) return hosts.length ? [hosts] : []
  const steps = (Array.isArray(serial) ? serial : [serial]).map((s) => batchSize(s, hosts.length))
  if (steps.length === 0) return [hosts]
  const out: T[][] = []
  let at = 0
  for (let i = 0; at < hosts.length; i++) {
    const size = steps[Math.min(i, steps.length - 1)]
    out.push(hosts.slice(at, at + size))
    at += size
  }
  return out
}

function batchSize(spec: number | string, total: number): number {
  const text = String(spec).trim()
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text)
  if (percent) return Math.max(1, Math.floor((total * Number(percent[1])) / 100))
  if (/^\d+$/.test(text)) {
    const n = Number(text)
    return n <= 0 ? total : n
  }
  throw new ConfigError(`serial: '${text}' is not a number or a percentage`, undefined, "e.g. serial: 2, serial: '30%' or serial: [1, '50%']")
}
