// lab up's package step, with an apt-get stand-in on PATH that records its calls and "installs" the
// missing tool: it says what it installs, updates then installs, holds daemons back while installing
// (policy-rc.d), and checks again afterwards.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { installLabPackages } from '../../../src/lab/install.js'
import { LAB_HOST_TOOLS, LAB_TOOLS, missingPackages } from '../../../src/lab/preflight.js'

let dir: string
let path: string | undefined
const hadPolicy = existsSync('/usr/sbin/policy-rc.d')

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-install-'))
  writeFileSync(
    join(dir, 'apt-get'),
    `#!/bin/sh\necho "$*" >> ${dir}/calls\n[ -x /usr/sbin/policy-rc.d ] && /usr/sbin/policy-rc.d; echo "policy=$?" >> ${dir}/calls\n` +
      `[ "$1" = install ] && printf '#!/bin/sh\\n' > ${dir}/bin/fake-tool && chmod +x ${dir}/bin/fake-tool\nexit 0\n`,
  )
  chmodSync(join(dir, 'apt-get'), 0o755)
  rmSync(join(dir, 'bin'), { force: true, recursive: true })
  mkdirSync(join(dir, 'bin'))
  path = process.env.PATH
  process.env.PATH = `${dir}:${dir}/bin:${path}`
})

afterAll(() => {
  process.env.PATH = path
  rmSync(dir, { recursive: true, force: true })
})

it('installs only what is missing, saying so, with daemons held back, and checks again', async () => {
  const said: string[] = []
  const installed = await installLabPackages((l) => said.push(l), [{ path: 'fake-tool', pkg: 'tsplay-fake-tool' }, { path: 'sh', pkg: 'dash' }])
  expect(installed).toEqual(['tsplay-fake-tool'])
  expect(said).toEqual(['tsplay lab: installing what lab hosts need, with apt-get: tsplay-fake-tool'])
  const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n')
  expect(calls).toEqual(['update -qq', 'policy=101', 'install -y -qq --no-install-recommends tsplay-fake-tool', 'policy=101'])
  expect(existsSync('/usr/sbin/policy-rc.d')).toBe(hadPolicy)
})

it('does nothing when nothing is missing', async () => {
  const said: string[] = []
  expect(await installLabPackages((l) => said.push(l), [{ path: 'sh', pkg: 'dash' }])).toEqual([])
  expect(said).toEqual([])
})

it('knows the package of everything lab up and the shipped playbooks need (this machine has them all)', () => {
  expect(missingPackages([...LAB_TOOLS, ...LAB_HOST_TOOLS])).toEqual([])
})
