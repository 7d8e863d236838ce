// ansible.utils address arithmetic: ipmath nthhost next_nth_usable previous_nth_usable network_in_usable
// network_in_network.
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { str } from '../py.js'
import { IPNetwork, parseNetwork } from './netaddr.js'

/** The value as a network: an address becomes its /32 (/128), a network its subnet. */
function asNetwork(value: unknown): IPNetwork | undefined {
  const v = parseNetwork(str(value))
  if (!v) return undefined
  return new IPNetwork(v.version, str(value).includes('/') ? v.network : v.value, v.prefixlen)
}

function firstLast(v: IPNetwork): [bigint, bigint] {
  const first = v.network
  const last = v.network + v.size - 1n
  if (v.size === 2n || v.size === 1n) return [first, last]
  return [first + 1n, last - 1n]
}

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n)
}

function nthUsable(value: unknown, offset: unknown, sign: 1n | -1n): unknown {
  const parsed = parseNetwork(str(value))
  if (!parsed) return false
  if (!isInt(offset)) throw filterError('Must pass in an integer')
  if (parsed.size <= 1n) return null
  const [first, last] = firstLast(parsed)
  const n = parsed.value + sign * BigInt(offset)
  return n >= first && n <= last ? parsed.addr(n) : null
}

function inRange(value: unknown, test: unknown, usable: boolean): boolean {
  const v = asNetwork(value)
  const w = asNetwork(test)
  if (!v || !w || v.version !== w.version) return false
  const [vf, vl] = usable && v.size > 1n ? firstLast(v) : [v.network, v.network + v.size - 1n]
  const wf = w.network
  const wl = w.network + w.size - 1n
  return wf >= vf && wf <= vl && wl >= vf && wl <= vl
}

defineFilters({
  ipmath: ['amount', (_rt, value, amount) => {
    const v = parseNetwork(str(value))
    if (!v) throw filterError(`You must pass a valid IP address; ${str(value)} is invalid`)
    if (!isInt(amount)) throw filterError(`You must pass an integer for arithmetic; ${str(amount)} is not a valid integer`)
    const n = v.value + BigInt(amount)
    if (n < 0n || n >= 1n << BigInt(v.width)) throw filterError(`result out of range for IPv${v.version}`)
    return v.addr(n)
  }],
  nthhost: ['query', (_rt, value, query = '') => {
    const v = asNetwork(value)
    if (!v || query === '' || query === null) return false
    const n = Number(query)
    if (!Number.isInteger(n)) return false
    const addr = v.nth(BigInt(n))
    return addr !== undefined && v.size > BigInt(n) ? v.addr(addr) : false
  }],
  next_nth_usable: ['offset', (_rt, value, offset) => nthUsable(value, offset, 1n)],
  previous_nth_usable: ['offset', (_rt, value, offset) => nthUsable(value, offset, -1n)],
  network_in_usable: ['test', (_rt, value, test) => inRange(value, test, true)],
  network_in_network: ['test', (_rt, value, test) => inRange(value, test, false)],
})
