// Issue 15, points 9 and 10: input that cannot work is refused before connecting, naming what is wrong:
// -K without a terminal names the become password; bad module arguments and a bad ansible_port are found
// at load with file:line (exit 1), not per host while running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listUpperFiles, resetHost } from '../lab-helpers.js'
import { runTsplay } from '../run-tsplay.js'
import { scratch, type Scratch } from './fault-helpers.js'

let s: Scratch

beforeAll(async () => {
  s = scratch('badinput')
  await resetHost('lab-1')
})

afterAll(async () => {
  s.remove()
  await resetHost('lab-1')
})

describe('-K without a terminal', () => {
  it('says the become password is needed, not a vault password; exit 1, nothing runs', async () => {
    const site = s.write('become.yml', '- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - file: path=/root/k state=touch\n')
    const r = await runTsplay(['run', site, '-i', s.inventory, '-b', '-K'], { noTerminal: true })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('the become password (-K, --ask-become-pass) is needed but there is no terminal to ask on')
    expect(r.stderr).not.toContain('a vault password is needed')
    expect(listUpperFiles('lab-1')).toEqual([])
  })
})
