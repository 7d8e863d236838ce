import { describe, expect, it } from 'vitest'
import { overlaps, pickSubnet } from '../../../src/lab/network.js'

describe('subnet choice', () => {
  it('sees overlap with routes of any prefix length', () => {
    expect(overlaps('10.213.5.0/24', 5)).toBe(true)
    expect(overlaps('10.213.5.0/24', 6)).toBe(false)
    expect(overlaps('10.0.0.0/8', 77)).toBe(true) // a wide route covers every lab subnet
    expect(overlaps('10.213.5.128/25', 5)).toBe(true) // a narrower one inside it too
    expect(overlaps('10.213.5.1', 5)).toBe(true) // host route without a length
    expect(overlaps('192.0.2.0/24', 5)).toBe(false)
    expect(overlaps('0.0.0.0/0', 5)).toBe(true)
  })

  it('picks the lowest free subnet and fails clearly when none is left', () => {
    expect(pickSubnet(new Set())).toBe(1)
    expect(pickSubnet(new Set([1, 2, 4]))).toBe(3)
    const all = new Set(Array.from({ length: 256 }, (_, i) => i))
    expect(() => pickSubnet(all)).toThrowError(/no free 10\.213\.X\.0\/24 subnet/)
  })
})
