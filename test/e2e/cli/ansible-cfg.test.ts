// A project that works under Ansible through its ansible.cfg works under tsplay as it is: the inventory, the
// user, the key and the known_hosts come from ansible.cfg, retry files from its setting, ANSIBLE_* win over
// the file, and a setting tsplay does not read is said once.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labHost, labInfo, resetHost, upperdir } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'

const project = mkdtempSync(join(tmpdir(), 'tsplay-cfg-project-'))

beforeAll(async () => {
  await resetHost('lab-1')
  const info = labInfo()
  // no connection variables in the inventory: everything comes from ansible.cfg
  writeFileSync(join(project, 'hosts'), `[web]\nlab-1 ansible_host=${labHost('lab-1').ip}\n`)
  writeFileSync(
    join(project, 'ansible.cfg'),
    [
      '[defaults]',
      'inventory = hosts',
      'remote_user = root',
      `private_key_file = ${info.key}`,
      'retry_files_enabled = True',
      'retry_files_save_path = retries',
      'nocows = 1',
      'callbacks_enabled = profile_tasks',
      '[ssh_connection]',
      `ssh_common_args = -o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes`,
      '',
    ].join('\n'),
  )
  writeFileSync(join(project, 'site.yml'), '- hosts: web\n  gather_facts: false\n  tasks:\n    - copy: {content: "from cfg\\n", dest: /root/cfg}\n    - command: "false"\n')
})

afterAll(async () => {
  rmSync(project, { recursive: true, force: true })
  await resetHost('lab-1')
})

describe('ansible.cfg', () => {
  it('gives the inventory, user, key, ssh args and retry files of a run with no options', async () => {
    const r = await runTsplay(['run', 'site.yml'], { cwd: project })
    expect(r.code).toBe(2) // the second task fails on purpose
    expect(parseRecap(r.stdout)['lab-1']).toMatchObject({ changed: 1, failed: 1 })
    expect(readFileSync(join(upperdir('lab-1'), 'root/cfg'), 'utf8')).toBe('from cfg\n')
    expect(readFileSync(join(project, 'retries', 'site.retry'), 'utf8')).toBe('lab-1\n')
    // the one setting tsplay does not read is said once; nocows is read (and honoured: no cows)
    expect(r.stderr.match(/\[defaults\] callbacks_enabled is not read by tsplay/g)).toHaveLength(1)
    expect(r.stderr).not.toContain('nocows')
  })

  it('ANSIBLE_* beats the file, and tsplay config dump --only-changed shows where each setting came from', async () => {
    const r = await runTsplay(['config', 'dump', '--only-changed'], { cwd: project, env: { ANSIBLE_REMOTE_USER: 'deploy' } })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`DEFAULT_HOST_LIST(${join(project, 'ansible.cfg')}) = ['${join(project, 'hosts')}']`)
    expect(r.stdout).toContain('DEFAULT_REMOTE_USER(env: ANSIBLE_REMOTE_USER) = deploy')
    expect(r.stdout).not.toContain('DEFAULT_FORKS')
  })

  it('without retry_files_enabled no retry file is written, as Ansible 2.14 does by default', async () => {
    const r = await runTsplay(['run', 'site.yml'], { cwd: project, env: { ANSIBLE_RETRY_FILES_ENABLED: 'false', ANSIBLE_RETRY_FILES_SAVE_PATH: 'none-here' } })
    expect(r.code).toBe(2)
    expect(existsSync(join(project, 'none-here'))).toBe(false)
  })
})
