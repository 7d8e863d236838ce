// Issue 15, point 13: labs that combine into one inventory (`lab up --prefix P`: hosts P-1 … P-N, where
// every lab used to name its hosts lab-1 … lab-N), and — opt-in, TSPLAY_E2E_SCALE=1 — the kernel's
// neighbour table sized for the lab hosts of the machine and put back once they are gone.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labStatus, labStop, labUp, type LabInfo } from '../../src/lab/index.js'
import { labInfo } from './lab-helpers.js'
import { parseRecap, runTsplay } from './run-tsplay.js'
import { scratch, type Scratch } from './faults/fault-helpers.js'

const NAME = `p${process.pid.toString(36).slice(-5)}`
let other: LabInfo
let s: Scratch

beforeAll(async () => {
  s = scratch('prefix')
  await labDown({ name: NAME })
  other = await labUp({ name: NAME, count: 2, prefix: 'web', owner: process.pid })
})

afterAll(async () => {
  await labDown({ name: NAME })
  s.remove()
})

describe('lab up --prefix', () => {
  it('names the hosts PREFIX-N, in state, inventory, known_hosts and /etc/hosts', async () => {
    expect(other.hosts.map((h) => h.name)).toEqual(['web-1', 'web-2'])
    expect(readFileSync(other.hostsIni, 'utf8')).toMatch(/^web-2 ansible_host=/m)
    expect(readFileSync(other.knownHosts, 'utf8')).toContain(`${other.hosts[0].ip},web-1 `)
    expect((await labStatus({ name: NAME })).hosts.map((h) => h.name)).toEqual(['web-1', 'web-2'])
  })

  it('makes labs combine into one inventory: every host of both runs the play, under its own name', async () => {
    const both = s.write('both', [readFileSync(labInfo().hostsIni, 'utf8'), readFileSync(other.hostsIni, 'utf8')].join('\n'))
    const site = s.write('site.yml', '- hosts: all\n  gather_facts: no\n  tasks:\n    - command: hostname\n')
    const r = await runTsplay(['run', site, '-i', both, '-v'])
    expect(r.code).toBe(0)
    const names = ['lab-1', 'lab-2', 'lab-3', 'web-1', 'web-2']
    expect(Object.keys(parseRecap(r.stdout)).sort()).toEqual(names)
    for (const n of names) expect(r.stdout).toMatch(new RegExp(`changed: \\[${n}\\] => .*"stdout": "${n}"`))
  })

  it('keeps the prefix for the life of the lab; stop/start find hosts by it', async () => {
    await expect(labUp({ name: NAME, count: 2, prefix: 'db' })).rejects.toThrow(`lab '${NAME}' names its hosts web-N, not db-N`)
    await labStop('web-2', { name: NAME })
    expect((await labStatus({ name: NAME })).hosts.find((h) => h.name === 'web-2')?.alive).toBe(false)
    expect((await labUp({ name: NAME, count: 2 })).started).toEqual(['web-2'])
  })
})

// Opt-in: two labs of 40 hosts need more than the default 128 entries before the kernel's GC starts.
describe.runIf(process.env.TSPLAY_E2E_SCALE)('the neighbour table', () => {
  const sysctl = (k: number) => Number(readFileSync(`/proc/sys/net/ipv4/neigh/default/gc_thresh${k}`, 'utf8'))

  it('is raised for the lab hosts of the machine, and put back when they are gone', async () => {
    const before = [1, 2, 3].map(sysctl)
    const names = [`n${process.pid.toString(36).slice(-4)}a`, `n${process.pid.toString(36).slice(-4)}b`]
    try {
      for (const name of names) await labUp({ name, count: 40, prefix: name, owner: process.pid })
      expect((await labStatus({ name: names[1] })).hosts.filter((h) => h.ssh)).toHaveLength(40)
      expect(sysctl(1)).toBeGreaterThanOrEqual(160) // 2 × 80 hosts at least
      expect(sysctl(1)).toBeGreaterThan(before[0])
    } finally {
      for (const name of names) await labDown({ name })
    }
    expect([1, 2, 3].map(sysctl)).toEqual(before)
  }, 300_000)
})
