// Issue 10 acceptance: a vaulted become password and a vaulted var, run with -vvv and with --json:
// the secrets' bytes appear nowhere (stdout, stderr, JUnit, the HTML report, retry file) except in the
// intended file on the host; nor does a value only no_log hides.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labInfo, labPassword, resetHost, upperdir } from '../lab-helpers.js'
import { runTsplay } from '../run-tsplay.js'

const APP_SECRET = 'Tr0ub4dor&3-vaulted-app-secret'
const NO_LOG_VALUE = 'plain-but-no-log-5521'
let dir: string
let password: string

async function encryptString(name: string, value: string): Promise<string> {
  const r = await runTsplay(['vault', 'encrypt_string', '--vault-password-file', join(dir, 'vault-pass'), '--name', name, '--', value])
  expect(r.code).toBe(0)
  return r.stdout
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-vault-e2e-'))
  password = labPassword()
  writeFileSync(join(dir, 'vault-pass'), 'correct horse battery staple\n')
  const vars = [await encryptString('deploy_password', password), await encryptString('app_secret', APP_SECRET)].join('\n')
  writeFileSync(join(dir, 'secrets.yml'), vars + '\n')
  writeFileSync(
    join(dir, 'site.yml'),
    `- name: secrets stay secret
  hosts: lab-1
  gather_facts: false
  become: true
  vars_files: [secrets.yml]
  vars:
    ansible_user: deploy
    ansible_password: "{{ deploy_password }}"
    ansible_become_password: "{{ deploy_password }}"
  tasks:
    - name: the intended target
      copy:
        content: "{{ app_secret }}"
        dest: /root/app-secret
        mode: '0600'
    - name: echoes it (verbose output shows stdout)
      command: echo {{ app_secret }}
      changed_when: false
    - name: prints it
      debug:
        var: app_secret
    - name: fails with it in the message
      fail:
        msg: "refusing {{ app_secret }}"
      ignore_errors: true
    - name: hidden by no_log, not by the vault
      command: echo ${NO_LOG_VALUE}
      no_log: true
    - name: fails for real, so a retry file is written
      command: /bin/false
`,
  )
})

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await resetHost('lab-1') // the secret file it wrote must not reach the next test file's lab-1
})

describe('vaulted secrets in a run', () => {
  const leaks = (text: string) => [APP_SECRET, password, NO_LOG_VALUE].filter((s) => text.includes(s))

  for (const mode of [['-vvv'], ['--json', '-vvv']]) {
    it(`${mode.join(' ')}: neither secret appears in any output or written file`, async () => {
      const junit = join(dir, `junit${mode.length}.xml`)
      const retry = join(dir, `site${mode.length}.retry`)
      const html = join(dir, `report${mode.length}.html`)
      const r = await runTsplay([
        'run', join(dir, 'site.yml'), '-i', labInfo().hostsIni, '--vault-password-file', join(dir, 'vault-pass'),
        '--junit', junit, '--retry-file', retry, '--report', html, '--timing', ...mode,
      ])
      expect(r.code).toBe(2)
      expect(r.stdout).toContain('********')
      expect(leaks(r.stdout)).toEqual([])
      expect(leaks(r.stderr)).toEqual([])
      expect(leaks(readFileSync(junit, 'utf8'))).toEqual([])
      const page = readFileSync(html, 'utf8')
      expect(leaks(page)).toEqual([])
      expect(page).toContain('refusing ********') // the failure is shown, its secret masked
      expect(readFileSync(retry, 'utf8')).toBe('lab-1\n')
      const target = join(upperdir('lab-1'), 'root/app-secret')
      expect(existsSync(target)).toBe(true)
      expect(readFileSync(target, 'utf8')).toBe(APP_SECRET)
    })
  }

  it('a wrong vault password is a clear error naming the file, exit 1, nothing run', async () => {
    writeFileSync(join(dir, 'wrong-pass'), 'not the password\n')
    const r = await runTsplay(['run', join(dir, 'site.yml'), '-i', labInfo().hostsIni, '--vault-password-file', join(dir, 'wrong-pass')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/secrets\.yml.*decryption failed/)
    expect(r.stdout).toBe('')
  })
})
