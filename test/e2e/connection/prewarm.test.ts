// `tsplay run` starts the first play's connections before the engine loads (src/cli/prewarm.ts). The
// run must then use exactly those connections: each host's sshd logs one login per run, whether the
// play allowed prewarming or not; a playbook that fails to load still ends with the loader's error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { labInfo } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'

const HOSTS = ['lab-1', 'lab-2', 'lab-3']
const dir = mkdtempSync(join(tmpdir(), 'tsplay-prewarm-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function logins(host: string): number {
  const log = readFileSync(join(labInfo().dir, 'logs', `${host}.log`), 'utf8')
  return log.split('\n').filter((l) => l.startsWith('Accepted publickey for ')).length
}

async function loginsDuring(playbook: string): Promise<{ code: number; added: number[]; stdout: string }> {
  const file = join(dir, `play-${Math.random().toString(36).slice(2)}.yml`)
  writeFileSync(file, playbook)
  const before = HOSTS.map(logins)
  const r = await runTsplay(['run', file, '-i', labInfo().hostsIni, '-l', HOSTS.join(',')])
  return { code: r.code, added: HOSTS.map((h, i) => logins(h) - before[i]), stdout: r.stdout + r.stderr }
}

const tasks = '  gather_facts: false\n  tasks:\n    - command: hostname\n      changed_when: false\n'

describe('prewarmed connections', () => {
  it('a prewarmed run logs in once per host and runs every task on that login', async () => {
    const r = await loginsDuring(`- hosts: all\n${tasks}`)
    expect(r.code, r.stdout).toBe(0)
    for (const h of HOSTS) expect(parseRecap(r.stdout)[h]?.ok).toBe(1)
    expect(r.added).toEqual([1, 1, 1])
  })

  it('a play that may change the connection is not prewarmed, and still logs in once per host', async () => {
    const r = await loginsDuring(`- hosts: all\n  remote_user: root\n${tasks}`)
    expect(r.code, r.stdout).toBe(0)
    expect(r.added).toEqual([1, 1, 1])
  })

  it('a playbook that fails to load while its hosts are being prewarmed exits 1 with the loader’s error', async () => {
    const r = await loginsDuring(`- hosts: all\n  gather_facts: false\n  tasks:\n    - comand: hostname\n`)
    expect(r.code, r.stdout).toBe(1)
    expect(r.stdout).toContain("did you mean 'command'")
    expect(r.stdout).not.toMatch(/abandoned|unexpected error/)
  })
})
