// Issue 15, point 3: temp files do not survive a dead host or a cut. A temp file is named for the shell
// that writes it, so the next write to its directory removes it once that shell is gone (a host killed
// mid-copy), and keeps it while it lives (a concurrent run). A transfer whose sender was cut off gives up
// on the host (no data for as long as the controller takes to call the host lost): no `cat` waits forever,
// and the sshd session ends once the network answers again.
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labCut, labHeal, labStart, labStop } from '../../../src/lab/index.js'
import { vethName } from '../../../src/lab/paths.js'
import { labHost, labInfo, listUpperFiles, resetHost } from '../lab-helpers.js'
import { runTsplay } from '../run-tsplay.js'
import { hostProcesses as processesIn, scratch, waitFor, type Scratch } from './fault-helpers.js'

let s: Scratch
const lab = () => ({ name: labInfo().name })
const temps = (host: string) => listUpperFiles(host).filter((f) => /\/\.tsplay-/.test(f))

const hostProcesses = (host: string) => processesIn(labHost(host).netns)

beforeAll(async () => {
  s = scratch('temps')
  await resetHost('lab-2')
  await resetHost('lab-3')
})

afterAll(async () => {
  s.remove()
  await labHeal('lab-3', lab()).catch(() => undefined)
  await resetHost('lab-2')
  await resetHost('lab-3')
})

// validate runs with the temp file written and not yet renamed: a window to act in
const slowCopy = (host: string, seconds: number) =>
  `- hosts: ${host}\n  gather_facts: no\n  tasks:\n    - copy:\n        content: "payload"\n        dest: /root/target\n        validate: "sh -c 'sleep ${seconds}' %s"\n`
const otherCopy = (host: string) => `- hosts: ${host}\n  gather_facts: no\n  tasks:\n    - copy: content=other dest=/root/other\n`

describe('a host killed mid-copy', () => {
  it('keeps its temp file until the next write to that directory removes it', async () => {
    const run = runTsplay(['run', s.write('slow.yml', slowCopy('lab-2', 60)), '-i', s.inventory])
    const [temp] = await waitFor('the temp file on lab-2', () => temps('lab-2').length === 1 && temps('lab-2'))
    expect(temp).toMatch(/^root\/\.tsplay-\d+\.\d+-\d+\.tmp$/)
    await labStop('lab-2', lab())
    expect((await run).code).toBe(4)
    await labStart('lab-2', lab())
    expect(temps('lab-2')).toEqual([temp]) // its writer is gone, it is not
    const next = await runTsplay(['run', s.write('other.yml', otherCopy('lab-2')), '-i', s.inventory])
    expect(next.code).toBe(0)
    expect(temps('lab-2')).toEqual([])
    expect(listUpperFiles('lab-2')).toContain('root/other')
  })

  it('a temp file whose writer still runs is left alone by another run', async () => {
    const run = runTsplay(['run', s.write('slow3.yml', slowCopy('lab-2', 3)), '-i', s.inventory])
    const [temp] = await waitFor('the temp file on lab-2', () => temps('lab-2').length === 1 && temps('lab-2'))
    const other = await runTsplay(['run', s.write('other2.yml', otherCopy('lab-2').replace('content=other', 'content=again')), '-i', s.inventory])
    expect(other.code).toBe(0)
    expect(temps('lab-2')).toEqual([temp])
    expect((await run).code).toBe(0)
    expect(temps('lab-2')).toEqual([])
  })
})

describe('a connection cut mid-copy', () => {
  it('the host gives the transfer up: no temp file, no cat, and no sshd session once the network is back', async () => {
    const veth = vethName(labInfo().name, 3)
    // ~1 MB/s to lab-3: a 12 MB copy takes seconds, time enough to cut it mid-way (sshd's window
    // adjustments still come back every second, so the keepalive does not give up before the cut)
    execFileSync('tc', ['qdisc', 'add', 'dev', veth, 'root', 'tbf', 'rate', '8mbit', 'burst', '64kbit', 'latency', '400ms'])
    try {
      const big = s.write('big.bin', Buffer.from(Array.from({ length: 12 << 20 }, (_, i) => (i * 7919) & 0xff)))
      const [header, ...hosts] = s.inventoryLines()
      const inv = s.write('alive.ini', `${header}\n${hosts.join('\n')}\n[lab:vars]\nansible_ssh_extra_args='-o ServerAliveInterval=2 -o ServerAliveCountMax=2'\n`)
      const site = s.write('big.yml', `- hosts: lab-3\n  gather_facts: no\n  tasks:\n    - copy: src=${big} dest=/root/big\n`)
      const run = runTsplay(['run', site, '-i', inv])
      await waitFor('the transfer to be under way', () => temps('lab-3').length === 1 && hostProcesses('lab-3').includes('cat'))
      await labCut('lab-3', lab())
      const r = await run
      expect(r.code).toBe(4)
      expect(r.stdout).toContain('connection to lab-3 lost: no answer to 2 keepalives')
      await waitFor('the host to end the transfer', () => temps('lab-3').length === 0 && !hostProcesses('lab-3').includes('cat'), 30_000)
    } finally {
      execFileSync('tc', ['qdisc', 'del', 'dev', veth, 'root'])
      await labHeal('lab-3', lab())
    }
    // sshd's session learns the controller is gone when its next packet gets a reset; the listener stays
    await waitFor('the sshd session to end', () => hostProcesses('lab-3').filter((p) => p === 'sshd').length === 1, 90_000)
    expect(listUpperFiles('lab-3')).toEqual([])
  })
})
