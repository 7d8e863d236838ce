// Issue 15, point 11: a vaulted secret stays masked after a transformation that keeps it recognisable:
// upper/lower case and base64, here made on the host (`tr`, `base64`) and shown by -v, debug and --json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labInfo, resetHost } from '../lab-helpers.js'
import { runTsplay } from '../run-tsplay.js'

const SECRET = 'Tr0ub4dor&3-Vaulted-App-Secret'
const FORMS = { plain: SECRET, upper: SECRET.toUpperCase(), lower: SECRET.toLowerCase(), base64: Buffer.from(SECRET).toString('base64') }
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-forms-'))
  writeFileSync(join(dir, 'vault-pass'), 'correct horse battery staple\n')
  const enc = await runTsplay(['vault', 'encrypt_string', '--vault-password-file', join(dir, 'vault-pass'), '--name', 'app_secret', '--', SECRET])
  expect(enc.code).toBe(0)
  writeFileSync(join(dir, 'secrets.yml'), enc.stdout)
  writeFileSync(
    join(dir, 'site.yml'),
    `- hosts: lab-1
  gather_facts: false
  vars_files: [secrets.yml]
  tasks:
    - name: upper-cased on the host
      shell: printf '%s' '{{ app_secret }}' | tr a-z A-Z
    - name: lower-cased on the host
      shell: printf '%s' '{{ app_secret }}' | tr A-Z a-z
      register: low
    - name: shown again
      debug:
        var: low.stdout
    - name: base64 on the host
      shell: printf '%s' '{{ app_secret }}' | base64 -w0
`,
  )
})

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await resetHost('lab-1')
})

describe('a vaulted secret in another form', () => {
  for (const mode of [['-v'], ['--json']]) {
    it(`${mode[0]}: upper, lower and base64 forms are masked like the secret itself`, async () => {
      const r = await runTsplay(['run', join(dir, 'site.yml'), '-i', labInfo().hostsIni, '--vault-password-file', join(dir, 'vault-pass'), ...mode])
      expect(r.code).toBe(0)
      const shown = Object.entries(FORMS).filter(([, form]) => (r.stdout + r.stderr).includes(form)).map(([name]) => name)
      expect(shown).toEqual([])
      expect(r.stdout).toContain('********')
    })
  }
})
