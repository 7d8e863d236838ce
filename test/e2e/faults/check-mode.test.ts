// Issue 15, point 12: check mode previews the whole cluster playbook on fresh hosts. A task whose target
// an earlier task would have made (a directory, a package's service, a running glusterd) predicts a
// change instead of failing; without such an earlier change it fails as before. Nothing is written.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labInfo, listUpperFiles, resetHost } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'
import { labInventoryCopy, removeDirs } from '../cluster/cluster-helpers.js'
import { scratch, type Scratch } from './fault-helpers.js'

const HOSTS = ['lab-1', 'lab-2', 'lab-3']
let s: Scratch
let inv: string

beforeAll(async () => {
  s = scratch('check')
  inv = labInventoryCopy() // groups and group_vars of inventory/lab, with the shared lab's hosts
  copyFileSync(labInfo().hostsIni, join(inv, 'hosts'))
  for (const h of HOSTS) await resetHost(h)
})

afterAll(async () => {
  s.remove()
  removeDirs(inv)
  for (const h of HOSTS) await resetHost(h)
})

describe('cluster.yml -C on fresh hosts', () => {
  it('exits 0, predicts the changes of every play, and writes nothing on any host', async () => {
    const r = await runTsplay(['run', 'playbooks/cluster.yml', '-i', inv, '-C', '--retry-file', join(s.dir, 'cluster.retry')])
    expect(r.stdout).not.toMatch(/FAILED|UNREACHABLE/)
    expect(r.code).toBe(0)
    for (const h of HOSTS) {
      expect(parseRecap(r.stdout)[h].changed).toBeGreaterThan(5)
      expect(listUpperFiles(h)).toEqual([])
    }
    expect(r.stdout).toMatch(/TASK \[docker : daemon\.json\] \*+\nchanged: /)
  })
})

describe('check mode without an earlier change', () => {
  it('still fails where the target is missing: nothing earlier would have made it', async () => {
    const site = s.write(
      'missing.yml',
      '- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - copy: content=x dest=/nonexistent/dir/file\n    - service: name=no-such-service state=started\n      ignore_errors: true\n',
    )
    const r = await runTsplay(['run', site, '-i', s.inventory, '-C'])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('"msg": "Destination directory /nonexistent/dir does not exist"')
  })

  it('predicts them after a task that would make them', async () => {
    const site = s.write(
      'made.yml',
      '- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - file: path=/srv/new-dir state=directory\n    - copy: content=x dest=/srv/new-dir/file\n    - service: name=new-service state=started enabled=true\n',
    )
    const r = await runTsplay(['run', site, '-i', s.inventory, '-C', '-v'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('/srv/new-dir/file would be written (/srv/new-dir does not exist yet: assumed made by an earlier task)')
    expect(r.stdout).toContain('new-service would be started, enabled (not installed yet: assumed installed by an earlier task)')
    expect(listUpperFiles('lab-1')).toEqual([])
  })
})
