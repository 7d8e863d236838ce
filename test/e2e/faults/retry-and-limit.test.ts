// Issue 15, points 4 and 5: a retry file that cannot be written is a warning, not a crash (the run's exit
// code stands); a --limit that matches no host is an error before anything runs, exit 1, Ansible's words.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listUpperFiles, resetHost } from '../lab-helpers.js'
import { runTsplay } from '../run-tsplay.js'
import { scratch, type Scratch } from './fault-helpers.js'

let s: Scratch

beforeAll(async () => {
  s = scratch('retry')
  await resetHost('lab-1')
})

afterAll(async () => {
  s.remove()
  await resetHost('lab-1')
})

describe('an unwritable retry file', () => {
  it('is a warning; the exit code is the run\'s (2: a host failed), with no stack trace', async () => {
    const site = s.write('site.yml', '- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - command: /bin/false\n')
    mkdirSync(join(s.dir, 'site.retry')) // where the retry file would go is a directory
    const r = await runTsplay(['run', site, '-i', s.inventory], { env: { ANSIBLE_RETRY_FILES_ENABLED: 'true' } })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`[WARNING]: Could not create retry file '${join(s.dir, 'site.retry')}'. EISDIR:`)
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /)
    expect(r.stdout).toContain('PLAY RECAP')
  })

  it('under a path that is a file: also a warning, with the reason', async () => {
    const site = s.write('two.yml', '- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - command: /bin/false\n')
    const r = await runTsplay(['run', site, '-i', s.inventory, '--retry-file', join(site, 'x.retry')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`\\[WARNING\\]: Could not create retry file '${join(site, 'x.retry')}'\\. E[A-Z]+: `))
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /)
  })
})

describe('a --limit that matches no host', () => {
  it('exits 1 with Ansible\'s message before connecting; nothing runs', async () => {
    const site = s.write('touch.yml', '- hosts: all\n  gather_facts: no\n  tasks:\n    - file: path=/root/touched state=touch\n')
    for (const verb of [['run', site], ['exec', 'all', '-m', 'file', '-a', 'path=/root/touched state=touch']]) {
      const r = await runTsplay([...verb, '-i', s.inventory, '--limit', 'nothere'])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('[WARNING]: Could not match supplied host pattern, ignoring: nothere')
      expect(r.stderr).toContain('tsplay: Specified inventory, host pattern and/or --limit leaves us with no hosts to target.')
      expect(r.stdout).not.toContain('PLAY RECAP')
    }
    expect(listUpperFiles('lab-1')).toEqual([])
  })

  it('a limit that matches a host outside the play still runs (the play is skipped, exit 0)', async () => {
    const site = s.write('other.yml', '- hosts: lab-2\n  gather_facts: no\n  tasks:\n    - command: "true"\n')
    const r = await runTsplay(['run', site, '-i', s.inventory, '--limit', 'lab-1'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("no hosts matched 'lab-2' with --limit 'lab-1'")
  })
})
