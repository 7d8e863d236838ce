// wait_for_connection over the controller (LocalConnection) and over SSH to a real sshd on 127.0.0.1 that
// only starts listening after the module began waiting.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../src/cli/main.js'
import { ConnectionPool, connectionFor } from '../../../src/connection/index.js'
import { LocalConnection } from '../../../src/connection/local.js'
import type { Connection } from '../../../src/connection/types.js'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import type { ModuleContext } from '../../../src/modules/types.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-wfc-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) c.kill()
  rmSync(dir, { recursive: true, force: true })
})

const ctx = (conn: Connection, check = false): ModuleContext => ({ host: conn.host, conn, check, diff: false, vars: {}, searchPaths: [] })
const wfc = (conn: Connection, args: Record<string, unknown>, check = false) => runModule(modules.wait_for_connection, ctx(conn, check), args)

describe('wait_for_connection', () => {
  it('waits for the boot-finished file, trying every `sleep` seconds', async () => {
    const flag = join(dir, 'boot-finished')
    setTimeout(() => writeFileSync(flag, ''), 700)
    const r = await wfc(new LocalConnection(), { boot_finished_path: flag, sleep: 0.2, timeout: 10 })
    expect(r.status).toBe('ok')
    expect(r.data.attempts).toBeGreaterThanOrEqual(3)
  })

  it('fails after the timeout, saying what it waited for', async () => {
    const never = join(dir, 'never')
    const t0 = Date.now()
    const r = await wfc(new LocalConnection(), { boot_finished_path: never, sleep: 0.1, timeout: 0.5 })
    expect(r.status).toBe('failed')
    expect(r.msg).toMatch(new RegExp(`^timed out waiting for localhost after 0.5 s \\(\\d+ attempts\\): ${never} does not exist yet$`))
    expect(Date.now() - t0).toBeLessThan(2000)
  })

  it('is skipped in check mode and rejects bad arguments', async () => {
    expect((await wfc(new LocalConnection(), {}, true)).status).toBe('skipped')
    const bad = await wfc(new LocalConnection(), { timeout: 'soon' })
    expect(bad).toMatchObject({ status: 'failed', msg: "wait_for_connection: timeout must be a number of seconds, got 'soon'" })
    const typo = await wfc(new LocalConnection(), { delya: 1 })
    expect(typo.msg).toMatch(/^Invalid options for wait_for_connection: delya \(did you mean 'delay'\?\)/) // Ansible's words, tsplay's hint
  })

  it('runs from a playbook (k=v arguments as Ansible writes them)', async () => {
    const flag = join(dir, 'booted')
    writeFileSync(flag, '')
    writeFileSync(join(dir, 'hosts'), 'vm ansible_connection=local\n')
    writeFileSync(join(dir, 'wait.yml'), `- hosts: all\n  gather_facts: false\n  tasks:\n    - wait_for_connection: timeout=5 sleep=0.1 boot_finished_path=${flag}\n`)
    let out = ''
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true))
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((out += String(s)), true))
    let code: number
    try {
      code = await main(['run', join(dir, 'wait.yml'), '-i', join(dir, 'hosts')])
    } finally {
      vi.restoreAllMocks()
    }
    expect(out).toMatch(/ok: \[vm\]/)
    expect(code).toBe(0)
  })

  it('reconnects over SSH until an sshd that starts late answers', async () => {
    const port = await freePort()
    const key = join(dir, 'id_ed25519')
    const hostKey = join(dir, 'host_ed25519')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key])
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey])
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${key}.pub`))
    const pool = new ConnectionPool({ connectTimeoutMs: 2000, agent: false })
    const conn = connectionFor('late-vm', {
      ansible_host: '127.0.0.1',
      ansible_port: port,
      ansible_user: userInfo().username,
      ansible_ssh_private_key_file: key,
      ansible_host_key_checking: false,
    }, { pool })
    // sshd refuses to start without its privilege separation directory, which only a started
    // openssh-server service leaves behind (/run is a tmpfs)
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
    let sshdLog = ''
    // the first attempts are refused: nothing listens yet
    setTimeout(() => {
      const sshd = spawn('/usr/sbin/sshd', [
        '-D', '-e', '-f', '/dev/null',
        '-o', `ListenAddress=127.0.0.1:${port}`, '-o', `HostKey=${hostKey}`, '-o', `AuthorizedKeysFile=${join(dir, 'authorized_keys')}`,
        '-o', 'StrictModes=no', '-o', 'UsePAM=no', '-o', 'PidFile=none', '-o', 'PermitRootLogin=prohibit-password',
      ], { stdio: ['ignore', 'ignore', 'pipe'] })
      sshd.stderr.on('data', (b: Buffer) => (sshdLog += b))
      children.push(sshd)
    }, 1200)
    try {
      const r = await wfc(conn, { sleep: 0.3, timeout: 20, connect_timeout: 3 })
      expect(r.msg, `sshd said: ${sshdLog}`).toBeUndefined()
      expect(r.status).toBe('ok')
      expect(r.data.attempts).toBeGreaterThanOrEqual(2)
      expect((await conn.run('echo still-connected')).stdout).toBe('still-connected\n')
    } finally {
      await pool.closeAll()
    }
  }, 30_000)
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}
