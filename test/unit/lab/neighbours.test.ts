// The neighbour table rule, on files standing in for /proc/sys/net/ipv4/neigh/default: raised for many lab
// hosts (the old values kept once), back to the old values when the hosts left fit them again.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fitNeighbourTable, needed, type NeighbourFiles } from '../../../src/lab/neighbours.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-neigh-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function machine(values: [number, number, number]): NeighbourFiles & { now(): number[] } {
  const sysctl = mkdtempSync(join(dir, 'sys-'))
  mkdirSync(sysctl, { recursive: true })
  values.forEach((v, i) => writeFileSync(join(sysctl, `gc_thresh${i + 1}`), `${v}\n`))
  const now = () => [1, 2, 3].map((i) => Number(readFileSync(join(sysctl, `gc_thresh${i}`), 'utf8')))
  return { sysctl, saved: join(sysctl, 'run', 'saved.json'), now }
}

describe('the neighbour table for lab hosts', () => {
  it('is left alone while the defaults hold the hosts (2 entries each)', () => {
    const m = machine([128, 512, 1024])
    expect(fitNeighbourTable(60, m)).toBeUndefined()
    expect(m.now()).toEqual([128, 512, 1024])
    expect(existsSync(m.saved)).toBe(false)
  })

  it('is not touched from a network namespace other than the machine\'s (no thresholds there): lab up works inside one', () => {
    const sysctl = mkdtempSync(join(dir, 'netns-')) // /proc/sys/net/ipv4/neigh/default of a child namespace: no gc_thresh*
    expect(fitNeighbourTable(1000, { sysctl, saved: join(sysctl, 'saved.json') })).toBeUndefined()
  })

  it('is raised for 1,000 hosts, and written back as it was once they are gone', () => {
    const m = machine([128, 512, 1024])
    expect(needed(1000)).toEqual({ gc_thresh1: 2000, gc_thresh2: 4000, gc_thresh3: 8000 })
    expect(fitNeighbourTable(1000, m)).toEqual({ from: { gc_thresh1: 128, gc_thresh2: 512, gc_thresh3: 1024 }, to: { gc_thresh1: 2000, gc_thresh2: 4000, gc_thresh3: 8000 } })
    expect(m.now()).toEqual([2000, 4000, 8000])
    fitNeighbourTable(1200, m) // another lab: grows again, the values of before are still those saved first
    expect(m.now()).toEqual([2400, 4800, 9600])
    fitNeighbourTable(300, m) // the big labs went: the rest needs less than the old values gave
    expect(m.now()).toEqual([600, 1200, 2400])
    fitNeighbourTable(3, m)
    expect(m.now()).toEqual([128, 512, 1024])
    expect(existsSync(m.saved)).toBe(false)
  })

  it('never lowers a value the machine already had above what the hosts need', () => {
    const m = machine([4096, 8192, 16384])
    expect(fitNeighbourTable(1000, m)).toBeUndefined()
    expect(m.now()).toEqual([4096, 8192, 16384])
  })
})
