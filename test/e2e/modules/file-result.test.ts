// The file module's result through the CLI: the path's keys (owner, mode, size…) are read again after a
// change only when something reads them (-v here, or register; the bench's process count in
// executor/host-cost.test.ts shows the stat left out without either), and a command that fails fails the
// task instead of being reported as a change.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { labInfo, sshRun } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'
import { playsOn } from './support.js'

const HOST = 'lab-3'
const plays = playsOn(HOST, ['-v'])

it('shows the keys of a directory and a link it made at -v, without register', async () => {
  const r = await plays.play(`    - file: { path: /srv/made, state: directory, mode: '0750' }
    - file: { src: /etc/hostname, dest: /srv/made/name, state: link }
`)
  expect(r.stdout).toMatch(/changed: \[lab-3\] => \{.*"owner": "root".*"mode": "0750", "state": "directory"/)
  expect(r.stdout).toMatch(/changed: \[lab-3\] => \{.*"dest": "\/srv\/made\/name".*"state": "link", "size": 13/)
})

it('fails, and changes nothing, when the link cannot be replaced', async () => {
  await sshRun(HOST, 'mkdir -p /srv/ro && ln -sfn /etc/passwd /srv/ro/x && chmod 0555 /srv/ro')
  const file = join(plays.dir(), 'ro.yml')
  writeFileSync(file, `- hosts: ${HOST}
  gather_facts: false
  tasks:
    - file: { src: /etc/hostname, dest: /srv/ro/x, state: link }
      become: true
      become_user: nobody
`)
  const r = await runTsplay(['run', file, '-i', labInfo().hostsIni])
  expect(r.code).toBe(2)
  expect(parseRecap(r.stdout)[HOST]).toMatchObject({ changed: 0, failed: 1 })
  expect(r.stdout).toContain("ln: failed to create symbolic link '/srv/ro/x': Permission denied")
  expect((await sshRun(HOST, 'readlink /srv/ro/x')).stdout.trim()).toBe('/etc/passwd')
})
