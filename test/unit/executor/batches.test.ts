import { describe, expect, it } from 'vitest'
import { batches } from '../../../src/executor/batches.js'

const hosts = ['a', 'b', 'c', 'd', 'e']

describe('batches (serial)', () => {
  it('keeps every host in one batch without serial', () => {
    expect(batches(hosts, undefined)).toEqual([hosts])
  })
  it('splits by a number and by a percentage (rounded down, at least 1)', () => {
    expect(batches(hosts, 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']])
    expect(batches(hosts, '30%')).toEqual([['a'], ['b'], ['c'], ['d'], ['e']])
    expect(batches(hosts, '50%')).toEqual([['a', 'b'], ['c', 'd'], ['e']])
  })
  it('walks a list and repeats its last entry', () => {
    expect(batches(hosts, [1, '40%'])).toEqual([['a'], ['b', 'c'], ['d', 'e']])
  })
  it('rejects nonsense with a hint', () => {
    expect(() => batches(hosts, 'many')).toThrowError(/serial: 'many'/)
  })
})
