// Compat for Jinja2: one playbook of the idioms Ansible content leans on (set_fact, copy content, when,
// loops, template files with macros, loops, whitespace control, include/import and the #jinja2: header),
// through Debian's ansible-playbook (lab-1) and `tsplay run` (lab-2), both fresh: every file they leave
// under /srv/jinja must be the same byte for byte, with the same changed flags. Run alone with:
//   npx vitest run --project e2e test/e2e/modules/compat-jinja.test.ts
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { resetHost, upperdir } from '../lab-helpers.js'
import { ansibleRun, tsplayRun } from './compat-run.js'

const PLAYBOOK = fileURLToPath(new URL('./fixtures/jinja-idioms/site.yml', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'tsplay-compat-jinja-'))

beforeAll(async () => {
  await resetHost('lab-1')
  await resetHost('lab-2')
})

afterAll(async () => {
  rmSync(work, { recursive: true, force: true })
  await resetHost('lab-1')
  await resetHost('lab-2')
})

/** path → mode and content of every file the run left under /srv/jinja (read from the host's overlay). */
function files(host: 'lab-1' | 'lab-2'): Record<string, string> {
  const root = join(upperdir(host), 'srv/jinja')
  const out: Record<string, string> = {}
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name)
    out[relative(root, path)] = `${(statSync(path).mode & 0o7777).toString(8)}\n${readFileSync(path, 'utf8')}`
  }
  return out
}

it('ansible-core and tsplay render the same bytes from the same Jinja2, with the same changed flags', async () => {
  for (const round of [1, 2]) {
    const ansibleChanged = await ansibleRun(work, PLAYBOOK)
    const tsplayChanged = await tsplayRun(work, PLAYBOOK)
    const ansibleFiles = files('lab-1')
    expect(files('lab-2'), `round ${round}: files`).toEqual(ansibleFiles)
    expect(tsplayChanged, `round ${round}: changed flags`).toEqual(ansibleChanged)
    // not vacuous: the template and the values file are there, the false condition wrote nothing
    expect(Object.keys(ansibleFiles)).toEqual(['header.conf', 'idioms.conf', 'user-al', 'user-cy', 'values.txt', 'when-true'])
    expect(ansibleFiles['idioms.conf']).toContain('{{ not templated }}')
    expect(Object.values(ansibleChanged).some(Boolean)).toBe(round === 1)
  }
}, 300_000)
