// Issue 15's fault suite: a host killed mid-play is unreachable from that task on; the other hosts finish
// the play, the recap and the retry file name the dead host, exit 4. (Held before the issue; kept here so
// the suite covers every fault it lists.)
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labStart, labStop } from '../../../src/lab/index.js'
import { labHost, labInfo, resetHost, sshRun } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'
import { hostProcesses, scratch, waitFor, type Scratch } from './fault-helpers.js'

let s: Scratch

beforeAll(async () => {
  s = scratch('kill')
  for (const h of ['lab-1', 'lab-2', 'lab-3']) await resetHost(h)
})

afterAll(async () => {
  s.remove()
  for (const h of ['lab-1', 'lab-2', 'lab-3']) await resetHost(h)
})

describe('a host killed mid-play', () => {
  it('is unreachable from then on; the others finish the play; exit 4 and a retry file naming it', async () => {
    const site = s.write(
      'play.yml',
      '- hosts: all\n  gather_facts: no\n  tasks:\n    - name: nap\n      command: sleep 3\n    - name: after\n      file: path=/root/after state=touch\n',
    )
    const run = runTsplay(['run', site, '-i', s.inventory, '--retry-file', join(s.dir, 'play.retry')])
    await waitFor('sleep on lab-2', () => hostProcesses(labHost('lab-2').netns).includes('sleep'))
    await labStop('lab-2', { name: labInfo().name })
    const r = await run
    await labStart('lab-2', { name: labInfo().name })
    expect(r.code).toBe(4)
    expect(r.stdout).toMatch(/fatal: \[lab-2\]: UNREACHABLE! => \{"changed": false, "msg": "connection to lab-2 lost/)
    expect(parseRecap(r.stdout)).toMatchObject({ 'lab-1': { changed: 2, unreachable: 0 }, 'lab-2': { unreachable: 1 }, 'lab-3': { changed: 2 } })
    expect(readFileSync(join(s.dir, 'play.retry'), 'utf8')).toBe('lab-2\n')
    for (const h of ['lab-1', 'lab-3']) expect((await sshRun(h, 'test -e /root/after')).rc).toBe(0)
  })
})
