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
    expect(r.stderr).toContain('the become password (-K) is needed but there is no terminal to ask on')
    expect(r.stderr).not.toContain('a vault password is needed')
    expect(listUpperFiles('lab-1')).toEqual([])
  })
})

describe('module arguments', () => {
  it('with a literal value are judged at load: exit 1 with file:line before connecting, nothing runs', async () => {
    const site = s.write(
      'args.yml',
      '- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - file: path=/root/first state=touch\n    - copy:\n        content: hi\n        dest: /root/x\n        backup: maybe\n',
    )
    const r = await runTsplay(['run', site, '-i', s.inventory])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`^tsplay: ${site}:8:\\d+: argument 'backup' of module 'copy' in task must be a boolean, got string "maybe"`, 'm'))
    expect(r.stdout).not.toContain('TASK [')
    expect(listUpperFiles('lab-1')).toEqual([])
  })

  it('an unknown argument names its line and the nearest one', async () => {
    const site = s.write('typo.yml', '- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - name: touch it\n      file:\n        path: /root/x\n        stat: touch\n')
    const r = await runTsplay(['run', site, '-i', s.inventory])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${site}:7:9: unknown argument 'stat' for module 'file' in task 'touch it' (did you mean 'state'?)`)
  })

  it('a value that is a template is judged per host once rendered (exit 2, the argument named)', async () => {
    const site = s.write('templated.yml', '- hosts: lab-1\n  gather_facts: no\n  vars: {b: maybe}\n  tasks:\n    - copy:\n        content: hi\n        dest: /root/x\n        backup: "{{ b }}"\n')
    const r = await runTsplay(['run', site, '-i', s.inventory])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain(`fatal: [lab-1]: FAILED! => {"changed": false, "msg": "${site}:8:9: copy: 'backup' must be boolean"}`)
    expect(listUpperFiles('lab-1')).toEqual([])
  })
})

describe('a bad ansible_port in the inventory', () => {
  it('is found at load with the inventory file:line, exit 1; nothing runs on any host', async () => {
    const inv = s.write('bad-port.ini', `${s.inventoryLines()[0]}\n${s.inventoryLines()[1]} ansible_port=22x\n`)
    const site = s.write('ports.yml', '- hosts: all\n  gather_facts: no\n  tasks:\n    - file: path=/root/p state=touch\n')
    const r = await runTsplay(['run', site, '-i', inv])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`tsplay: ${inv}:2: ansible_port of host lab-1 must be a port number (1-65535), got "22x"`)
    expect(listUpperFiles('lab-1')).toEqual([])
  })
})
