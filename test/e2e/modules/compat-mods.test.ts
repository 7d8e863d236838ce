// Compat for the modules of issue 18: compat-mods.yml through Debian's ansible-playbook on lab-1 and
// `tsplay run` on lab-2, both fresh, twice: the state each leaves (files under /srv/compat-mods, root's
// crontab, apt sources and keys) and every task's changed flag must be the same. Ansible decides.
//   npx vitest run --project e2e test/e2e/modules/compat-mods.test.ts
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { installRepo } from '../../unit/modules/support/debs.js'
import { newPool } from '../connection/conn-helpers.js'
import { resetHost } from '../lab-helpers.js'
import { ansibleRun, tsplayRun } from './compat-run.js'
import { labTarget } from './support.js'

const work = mkdtempSync(join(tmpdir(), 'tsplay-compat-mods-'))
const pool = newPool()
const HOSTS = ['lab-1', 'lab-2'] as const

beforeAll(async () => {
  for (const h of HOSTS) await resetHost(h)
  // a local apt repository on each host, and a copy for apt_repository to add (no network)
  for (const h of HOSTS) {
    const conn = labTarget(h, '/', pool).conn
    await installRepo(conn, '/srv/tsplay-repo', [['tsplay-hello', '1.0'], ['tsplay-other', '1.0']])
    await conn.run('cp -r /srv/tsplay-repo /srv/tsplay-repo2 && rm /etc/apt/sources.list.d/tsplay-test.list')
  }
  copyFileSync(fileURLToPath(new URL('./compat-mods.yml', import.meta.url)), join(work, 'compat-mods.yml'))
  mkdirSync(join(work, 'fixtures'))
  copyFileSync(fileURLToPath(new URL('../../unit/modules/fixtures/apt-key/tsplay-test.asc', import.meta.url)), join(work, 'fixtures/tsplay-test.asc'))
}, 300_000)

afterAll(async () => {
  await pool.closeAll()
  rmSync(work, { recursive: true, force: true })
  for (const h of HOSTS) await resetHost(h)
})

/** What a run leaves: the files (not the venv or .git internals), root's crontab, apt sources and keys. */
async function state(host: (typeof HOSTS)[number]): Promise<string> {
  const script = [
    `cd /srv/compat-mods && find . \\( -path ./venv -o -name .git -o -name bare.git \\) -prune -o -printf '%p %y %m %u %g %l\\n' | sort`,
    `find . \\( -path ./venv -o -name .git -o -name bare.git \\) -prune -o -type f -print | sort | while read -r f; do echo "== $f"; cat "$f"; done`,
    'git -C bare.git for-each-ref', 'crontab -l', 'ls -l /etc/apt/sources.list.d/ | tail -n +2 | awk \'{ print $1, $NF }\'',
  ].join('; ')
  // a hashed host name has a random salt: only its place and form must agree
  return (await labTarget(host, '/', pool).conn.run(script)).stdout.replace(/\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+/g, '|1|SALT|HMAC')
}

it('ansible-core and tsplay leave the same state with the same changed flags, twice', async () => {
  const playbook = join(work, 'compat-mods.yml')
  for (const round of [1, 2]) {
    const ansibleChanged = await ansibleRun(work, playbook)
    const tsplayChanged = await tsplayRun(work, playbook)
    const expected = await state('lab-1')
    expect(await state('lab-2'), `round ${round}: host state`).toBe(expected)
    // not vacuous: each module left its mark
    for (const mark of ['directory 0700 True', '/root x', '2 5 ', '#Ansible: compat nightly', 'MAILTO=', 'tsplay-demo==1.0', '== file_srv_tsplay_repo.list', 'compat.gpg', 'sysv', '1 True']) {
      expect(expected, `round ${round}: ${mark}`).toContain(mark)
    }
    expect(tsplayChanged, `round ${round}: changed flags`).toEqual(ansibleChanged)
  }
}, 600_000)
