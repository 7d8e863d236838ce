// Issue 5 acceptance on real lab hosts: every keyword, idempotence, check mode, diff, failures,
// retry files and unreachable hosts — through the built CLI, as a user runs it.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, lstatSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labStart, labStop, labUp, type LabInfo } from '../../../src/lab/index.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname
const name = `x${process.pid.toString(36).slice(-5)}`
let lab: LabInfo
let inv: string
const HOSTS = ['lab-1', 'lab-2', 'lab-3', 'lab-4', 'lab-5']

/** path → size:mtime:sha256 of everything a host wrote (its overlay upper dir). */
function upperSnapshot(host: string): Map<string, string> {
  const root = lab.hosts.find((h) => h.name === host)!.upperdir
  const out = new Map<string, string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry)
      const st = lstatSync(path)
      const rel = path.slice(root.length)
      if (st.isDirectory()) walk(path)
      else out.set(rel, `${st.size}:${st.mtimeMs}:${st.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'special'}`)
    }
  }
  walk(root)
  return out
}

const hostFile = (host: string, path: string) => join(lab.hosts.find((h) => h.name === host)!.upperdir, path)

beforeAll(async () => {
  inv = mkdtempSync(join(tmpdir(), 'tsplay-inv-'))
  lab = await labUp({ name, count: 5, inventoryDir: inv, owner: process.pid })
})

afterAll(async () => {
  await labDown({ name })
  rmSync(inv, { recursive: true, force: true })
})

describe('a playbook with every keyword on 5 lab hosts', () => {
  const site = join(FIXTURES, 'everything/site.yml')

  it('first run: changes, rescues, and runs handlers, roles, includes and serial batches', async () => {
    const r = await runTsplay(['run', site, '-i', inv])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const recap = parseRecap(r.stdout)
    expect(Object.keys(recap).sort()).toEqual(HOSTS)
    for (const host of HOSTS) {
      expect(recap[host]).toMatchObject({ failed: 0, unreachable: 0, rescued: 1, ignored: 1 })
      expect(recap[host].changed).toBeGreaterThanOrEqual(9)
    }
    // serial: [2, '100%'] → two batches (lab-1, lab-2 then the rest), each gathering facts
    expect(r.stdout.match(/TASK \[Gathering Facts\]/g)).toHaveLength(2)
    expect(r.stdout.match(/PLAY \[everything\]/g)).toHaveLength(1)
    expect(readFileSync(hostFile('lab-4', 'etc/web.conf'), 'utf8')).toBe(
      '# default on lab-4\nlisten 8080\nuser www-data\nfruit apple\nfruit pear\n',
    )
    expect(readFileSync(hostFile('lab-2', 'srv/app/list'), 'utf8')).toBe('apple=1\npear=2\n')
    expect(readFileSync(hostFile('lab-5', 'srv/app/restarted'), 'utf8')).toBe('restarted\n')
    expect(readFileSync(hostFile('lab-3', 'srv/app/included'), 'utf8')).toBe('hello from include\n')
    expect(readFileSync(hostFile('lab-3', 'etc/motd.tsplay'), 'utf8')).toBe('managed by tsplay\n')
    expect(existsSync(hostFile('lab-1', 'srv/app/first-only'))).toBe(true)
    expect(existsSync(hostFile('lab-2', 'srv/app/first-only'))).toBe(false)
    expect(existsSync(hostFile('lab-1', 'srv/app/never'))).toBe(false)
    expect(existsSync(hostFile('lab-1', 'srv/app/never-tag'))).toBe(false)
    expect(r.stdout).not.toContain('s3cr3t-t0ken-value')
    expect(r.stdout).toMatch(/TASK \[secret stays hidden\][^]*?ok: \[lab-1\]/)
  })

  it('second run: nothing changes on any host', async () => {
    const r = await runTsplay(['run', site, '-i', inv])
    expect(r.code).toBe(0)
    const recap = parseRecap(r.stdout)
    for (const host of HOSTS) expect(recap[host]).toMatchObject({ changed: 0, failed: 0, unreachable: 0 })
  })

  it('-C -D predicts a change with its diff and writes nothing on any host', async () => {
    // Drift on lab-2: drop a line the playbook manages.
    const drift = await runTsplay(['exec', 'lab-2', '-i', inv, '-m', 'lineinfile', '-a', 'path=/srv/app/list line=pear=2 state=absent'])
    expect(drift.code).toBe(0)
    const before = new Map(HOSTS.map((h) => [h, upperSnapshot(h)]))
    const r = await runTsplay(['run', site, '-i', inv, '-C', '-D'])
    expect(r.code).toBe(0)
    const recap = parseRecap(r.stdout)
    expect(recap['lab-2'].changed).toBeGreaterThanOrEqual(1)
    expect(recap['lab-1'].changed).toBe(0)
    expect(r.stdout).toMatch(/\+pear=2/)
    for (const host of HOSTS) expect(upperSnapshot(host)).toEqual(before.get(host))
    expect(readFileSync(hostFile('lab-2', 'srv/app/list'), 'utf8')).toBe('apple=1\n')
  })

  it('--list-tasks and --list-hosts show the plan without connecting', async () => {
    const r = await runTsplay(['run', site, '-i', inv, '--list-hosts', '--list-tasks', '-l', 'lab-1,lab-2'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('    hosts (2):\n      lab-1\n      lab-2')
    expect(r.stdout).toContain('web : web config\tTAGS: [web]')
    expect(r.stdout).not.toContain('tagged never')
  })
})

describe('failures and unreachable hosts', () => {
  it('a failing host stops, the others finish, exit 2, and -l @retry reruns just that host', async () => {
    const play = join(FIXTURES, 'fail-one.yml')
    const retry = join(inv, 'fail-one.retry')
    const r = await runTsplay(['run', play, '-i', inv, '--retry-file', retry])
    expect(r.code).toBe(2)
    const recap = parseRecap(r.stdout)
    expect(recap['lab-3']).toMatchObject({ failed: 1, changed: 0 })
    for (const host of HOSTS.filter((h) => h !== 'lab-3')) expect(recap[host]).toMatchObject({ failed: 0, changed: 1 })
    expect(readFileSync(retry, 'utf8')).toBe('lab-3\n')
    expect(existsSync(hostFile('lab-3', 'root/went-on'))).toBe(false)

    const again = await runTsplay(['run', play, '-i', inv, '-l', `@${retry}`, '-e', 'fixed=true'])
    expect(again.code).toBe(0)
    expect(Object.keys(parseRecap(again.stdout))).toEqual(['lab-3'])
    expect(existsSync(hostFile('lab-3', 'root/went-on'))).toBe(true)
  })

  it('a host stopped mid-play is unreachable, exit 4, and the rest complete', async () => {
    const running = runTsplay(['run', join(FIXTURES, 'unreachable.yml'), '-i', inv, '--retry-file', join(inv, 'u.retry')])
    await new Promise((r) => setTimeout(r, 1500))
    await labStop('lab-5', { name })
    const r = await running
    await labStart('lab-5', { name })
    expect(r.code).toBe(4)
    const recap = parseRecap(r.stdout)
    expect(recap['lab-5'].unreachable).toBe(1)
    expect(r.stdout).toMatch(/fatal: \[lab-5\]: UNREACHABLE!/)
    for (const host of ['lab-1', 'lab-2', 'lab-3', 'lab-4']) {
      expect(recap[host]).toMatchObject({ unreachable: 0, failed: 0, changed: 1 })
      expect(existsSync(hostFile(host, 'root/after-stop'))).toBe(true)
    }
  })
})

describe('ad hoc', () => {
  it('exec -b as the deploy user with a sudo password writes a root-owned file; the password shows nowhere', async () => {
    const password = readFileSync(lab.passwordFile, 'utf8').trim()
    const r = await runTsplay([
      'exec', 'lab-2', '-i', inv, '-b', '-m', 'copy', '-a', 'content=owned dest=/root/by-deploy mode=0600',
      '-e', `ansible_user=deploy ansible_password=${password} ansible_become_password=${password}`, '-vvv',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/lab-2 \| CHANGED/)
    const st = lstatSync(hostFile('lab-2', 'root/by-deploy'))
    expect(st.uid).toBe(0)
    expect(st.mode & 0o777).toBe(0o600)
    expect(r.stdout + r.stderr).not.toContain(password)
  })

  it('exec runs a command on every host and prints ansible-style output', async () => {
    const r = await runTsplay(['exec', 'all', '-i', inv, '-a', 'cat /etc/hostname'])
    expect(r.code).toBe(0)
    for (const host of HOSTS) expect(r.stdout).toContain(`${host} | CHANGED | rc=0 >>\n${host}\n`)
  })
})
