// Issue 15, point 6: connection timeouts and dead-peer detection come from -T, ansible_ssh_timeout /
// ansible_timeout, ServerAliveInterval / ServerAliveCountMax in ssh args and ~/.ssh/config (they were
// fixed at 10 s and 15 s × 3, so the other hosts waited a minute for one that vanished).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labCut, labHeal } from '../../../src/lab/index.js'
import { labHost, labInfo, resetHost, sshRun } from '../lab-helpers.js'
import { parseRecap, runTsplay, type CliResult } from '../run-tsplay.js'
import { scratch, waitFor, type Scratch } from './fault-helpers.js'

let s: Scratch
const lab = () => ({ name: labInfo().name })

beforeAll(() => {
  s = scratch('timeouts')
})

afterAll(async () => {
  await labHeal('lab-3', lab()).catch(() => undefined)
  s.remove()
  await resetHost('lab-3')
})

const TOUCH = '- hosts: lab-3\n  gather_facts: no\n  tasks:\n    - command: "true"\n'

describe('connecting to a host that does not answer', () => {
  beforeAll(async () => labCut('lab-3', lab()))
  afterAll(async () => labHeal('lab-3', lab()))
  const unreachable = (r: CliResult, seconds: number) => {
    expect(r.code).toBe(4)
    expect(r.stdout).toContain(`timed out after ${seconds}s connecting to ${labHost('lab-3').ip}:22`)
  }

  it('-T sets the connect timeout', async () => {
    unreachable(await runTsplay(['run', s.write('t.yml', TOUCH), '-i', s.inventory, '-T', '2']), 2)
  })

  it('ansible_ssh_timeout in the inventory wins over -T', async () => {
    const inv = s.write('slow.ini', `${s.inventoryLines().join('\n')}\n[lab:vars]\nansible_ssh_timeout=3\n`)
    unreachable(await runTsplay(['run', s.write('t.yml', TOUCH), '-i', inv, '-T', '9']), 3)
  })

  it('ConnectTimeout in ~/.ssh/config is read', async () => {
    const home = join(s.dir, 'home')
    mkdirSync(join(home, '.ssh'), { recursive: true })
    writeFileSync(join(home, '.ssh/config'), `Host ${labHost('lab-3').ip}\n  ConnectTimeout 2\n`)
    unreachable(await runTsplay(['run', s.write('t.yml', TOUCH), '-i', s.inventory], { env: { HOME: home } }), 2)
  })
})

describe('a host that vanishes mid-task', () => {
  it('is found by ServerAliveInterval × ServerAliveCountMax from the ssh args; the others go on', async () => {
    const [header, ...hosts] = s.inventoryLines()
    const naps: Record<string, number> = { 'lab-2': 2, 'lab-3': 60 }
    const lines = hosts.map((l) => `${l} nap=${naps[l.split(' ')[0]] ?? 1}`)
    const inv = s.write('alive.ini', `${header}\n${lines.join('\n')}\n[lab:vars]\nansible_ssh_extra_args='-o ServerAliveInterval=1 -o ServerAliveCountMax=2'\n`)
    const site = s.write('nap.yml', '- hosts: lab-2:lab-3\n  gather_facts: no\n  tasks:\n    - name: nap\n      command: sleep {{ nap }}\n    - name: after\n      command: "true"\n')
    const run = runTsplay(['run', site, '-i', inv])
    await waitFor('sleep 60 on lab-3', async () => (await sshRun('lab-3', 'pgrep -x sleep')).rc === 0)
    await labCut('lab-3', lab())
    const r = await run
    await labHeal('lab-3', lab())
    expect(r.code).toBe(4)
    expect(r.stdout).toContain('fatal: [lab-3]: UNREACHABLE! => {"changed": false, "msg": "connection to lab-3 lost: no answer to 2 keepalives sent 1s apart (ServerAliveInterval 1s, ServerAliveCountMax 2)", "unreachable": true}')
    expect(parseRecap(r.stdout)).toMatchObject({ 'lab-2': { changed: 2, unreachable: 0 }, 'lab-3': { unreachable: 1 } })
  })
})
