// The order a play's hosts run in (`order:`) and how `serial:` splits them into batches, like Ansible:
// a number, a percentage, or a list of either (the last entry repeats until every host is placed).
import { ConfigError, type SourcePosition } from '../errors.js'

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) // Python's sorted(): code points

/** The play's hosts in the order `order:` names (inventory order when absent). */
export function ordered(hosts: string[], order: string | undefined, where: SourcePosition): string[] {
  switch (order ?? 'inventory') {
    case 'inventory':
      return hosts
    case 'reverse_inventory':
      return [...hosts].reverse()
    case 'sorted':
      return [...hosts].sort(byName)
    case 'reverse_sorted':
      return [...hosts].sort(byName).reverse()
    case 'shuffle': {
      const out = [...hosts]
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1))
        ;[out[i], out[j]] = [out[j], out[i]]
      }
      return out
    }
    default:
      throw new ConfigError(`Invalid 'order' specified for inventory hosts: ${order}`, where, 'use inventory, reverse_inventory, sorted, reverse_sorted or shuffle')
  }
}

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
