// Traps that used to pass without a word (issue 14), through the CLI as a user meets them:
// a role that is not the user's, an empty task file, a lookup that does not exist.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labInfo, listUpperFiles, resetHost, upperdir } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'

const work = mkdtempSync(join(tmpdir(), 'tsplay-traps-'))
const inventory = join(work, 'hosts')

function write(path: string, text: string): string {
  const file = join(work, path)
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, text)
  return file
}

beforeAll(async () => {
  await resetHost('lab-1')
  writeFileSync(inventory, readFileSync(labInfo().hostsIni, 'utf8'))
})

afterAll(async () => {
  rmSync(work, { recursive: true, force: true })
  await resetHost('lab-1')
})

describe('a role the user does not have', () => {
  it("is an error listing the paths searched, not tsplay's own role of that name; nothing runs", async () => {
    const site = write('missing-role/site.yml', '- hosts: lab-1\n  gather_facts: no\n  roles:\n    - common\n')
    for (const args of [['check', site], ['run', site, '-i', inventory]]) {
      const r = await runTsplay(args)
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`site.yml:4:7: the role 'common' was not found in ${join(work, 'missing-role/roles')}:`)
      expect(r.stderr).toContain(`:/etc/ansible/roles:${join(work, 'missing-role')}`)
    }
    expect(listUpperFiles('lab-1')).toEqual([])
  })
})

describe('an empty task file', () => {
  it('is no tasks, as Ansible reads it: role tasks and handlers with only comments, an empty import and include', async () => {
    write('empty/roles/quiet/tasks/main.yml', '# nothing to do yet\n')
    write('empty/roles/quiet/handlers/main.yml', '---\n# no handlers\n')
    write('empty/none.yml', '')
    const site = write(
      'empty/site.yml',
      '- hosts: lab-1\n  gather_facts: no\n  roles: [quiet]\n  tasks:\n    - import_tasks: none.yml\n    - include_tasks: none.yml\n    - command: "true"\n',
    )
    expect((await runTsplay(['check', site])).code).toBe(0)
    const r = await runTsplay(['run', site, '-i', inventory])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(parseRecap(r.stdout)['lab-1']).toMatchObject({ failed: 0, changed: 1 })
  })
})

describe('lookups', () => {
  it("an Ansible lookup runs on the controller: lookup('env', 'HOME') writes the controller's HOME", async () => {
    const site = write('lookup/site.yml', `- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - copy:\n        content: "{{ lookup('env', 'HOME') }}"\n        dest: /root/home\n`)
    const r = await runTsplay(['run', site, '-i', inventory], { env: { HOME: '/controller/home' } })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(readFileSync(join(upperdir('lab-1'), 'root/home'), 'utf8')).toBe('/controller/home')
  })

  it('an unknown lookup is an error in check and in run, never an empty value written to the host', async () => {
    const site = write('bad-lookup/site.yml', `- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - copy:\n        content: "{{ lookup('envv', 'HOME') }}"\n        dest: /root/home2\n`)
    const check = await runTsplay(['check', site])
    expect(check.code).toBe(1)
    expect(check.stderr).toMatch(/site\.yml:5:\d+: lookup plugin \(envv\) not found \(did you mean 'env'\?\)/)
    const run = await runTsplay(['run', site, '-i', inventory])
    expect(run.code).toBe(2)
    expect(run.stdout).toMatch(/lookup plugin \(envv\) not found/)
    expect(listUpperFiles('lab-1')).not.toContain('root/home2')
  })
})
