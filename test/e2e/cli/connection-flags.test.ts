// The connection flags ansible users reach for, with ansible's meanings, on lab hosts: -vvv's connection
// details, -c, -T, -k, --ssh-common-args and --ssh-extra-args.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labCut, labHeal } from '../../../src/lab/index.js'
import { labHost, labInfo, labPassword } from '../lab-helpers.js'
import { runTsplay } from '../run-tsplay.js'

const BIN = fileURLToPath(new URL('../../../bin/tsplay.js', import.meta.url))
let dir: string
const lab = () => ({ name: labInfo().name })
const knownHosts = () => `-o UserKnownHostsFile=${labInfo().knownHosts} -o StrictHostKeyChecking=yes`

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-flags-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('-vvv', () => {
  it('shows address, port, user, the auth methods tried, the host key fingerprint and become', async () => {
    const r = await runTsplay(['exec', 'lab-1', '-i', labInfo().hostsIni, '-b', '-a', 'true', '-vvv'])
    expect(r.code, r.stderr).toBe(0)
    const { ip } = labHost('lab-1')
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-F', ip, '-f', labInfo().knownHosts], { encoding: 'utf8' }).match(/SHA256:\S+/)![0]
    expect(r.stdout).toContain(`<lab-1> ESTABLISH SSH CONNECTION FOR USER: root to ${ip} port 22`)
    expect(r.stdout).toContain(`<lab-1> auth methods, in order: key ${labInfo().key}`)
    expect(r.stdout).toContain(`<lab-1> auth: trying publickey ${labInfo().key}`)
    expect(r.stdout).toContain(`<lab-1> authenticated as root with publickey ${labInfo().key}`)
    expect(r.stdout).toContain(`<lab-1> host key ED25519 ${fingerprint}: trusted (StrictHostKeyChecking strict, known_hosts ${labInfo().knownHosts})`)
    expect(r.stdout).toContain('<lab-1> become: sudo to root, without a password')
  })

  it('shows the jump host of --ssh-extra-args, and its own handshake', async () => {
    const jump = labHost('lab-2').ip
    const r = await runTsplay(['exec', 'lab-1', '-i', labInfo().hostsIni, '-a', 'hostname', '-vvv', '--ssh-extra-args', `-o ProxyJump=root@${jump}`])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`<lab-1> through jump host root@${jump}:22`)
    expect(r.stdout).toContain(`<lab-1> jump root@${jump}:22: ESTABLISH SSH CONNECTION FOR USER: root to ${jump} port 22`)
    expect(r.stdout).toMatch(/<lab-1> ESTABLISH SSH CONNECTION FOR USER: root to \S+ port 22 \(through a jump host/)
    expect(r.stdout).toContain('lab-1 | CHANGED | rc=0 >>\nlab-1\n')
  })
})

describe('--ssh-common-args', () => {
  it("is used for hosts without ansible_ssh_common_args (here: the lab's known_hosts)", async () => {
    const target = ['exec', 'all', '-i', `${labHost('lab-3').ip},`, '-u', 'root', '--private-key', labInfo().key, '-a', 'hostname']
    const home = { HOME: dir } // no ~/.ssh/known_hosts that could know the host
    const without = await runTsplay(target, { env: home })
    expect(without.code).toBe(4)
    expect(without.stdout).toMatch(/host key of \S+ is not known/)
    const withArgs = await runTsplay([...target, '--ssh-common-args', knownHosts()], { env: home })
    expect(withArgs.code, withArgs.stdout).toBe(0)
    expect(withArgs.stdout).toContain('| CHANGED | rc=0 >>\nlab-3\n')
  })
})

describe('-c', () => {
  it('-c local runs on the controller; a play\'s connection: keyword still wins, as in Ansible', async () => {
    const local = await runTsplay(['exec', 'lab-1', '-i', labInfo().hostsIni, '-c', 'local', '-a', 'hostname'])
    expect(local.stdout).toBe(`lab-1 | CHANGED | rc=0 >>\n${hostname()}\n`)
    const play = join(dir, 'keyword.yml')
    writeFileSync(play, '- hosts: lab-1\n  gather_facts: false\n  connection: ssh\n  tasks:\n    - command: hostname\n      register: h\n    - debug:\n        var: h.stdout\n')
    const keyword = await runTsplay(['run', play, '-i', labInfo().hostsIni, '-c', 'local'])
    expect(keyword.stdout).toContain('"h.stdout": "lab-1"')
  })

  it('refuses a connection type tsplay does not have, saying which it has', async () => {
    const r = await runTsplay(['run', 'site.yml', '-c', 'docker'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe("tsplay: -c/--connection 'docker' is not a connection type tsplay has (use ssh or local)\n")
  })
})

describe('-T', () => {
  it('is the connection timeout: a host that drops packets is unreachable after it', async () => {
    await labCut('lab-3', lab())
    try {
      const r = await runTsplay(['exec', 'lab-3', '-i', labInfo().hostsIni, '-T', '1', '-a', 'true'])
      expect(r.code).toBe(4)
      expect(r.stdout).toContain(`lab-3 | UNREACHABLE! => `)
      expect(r.stdout).toContain(`timed out after 1s connecting to ${labHost('lab-3').ip}:22`)
    } finally {
      await labHeal('lab-3', lab())
    }
  })
})

describe('-k', () => {
  it('asks for the SSH password on the terminal and logs in with it', async () => {
    const cmd = [process.execPath, BIN, 'exec', 'all', '-i', `${labHost('lab-2').ip},`, '-u', 'deploy', '-k', '--ssh-common-args', knownHosts(), '-a', 'whoami']
    const quoted = cmd.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')
    // script(1) gives tsplay a terminal; what is written to script's stdin is typed on it
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qec', quoted, '/dev/null'], { env: { ...process.env, HOME: dir, SSH_AUTH_SOCK: '', NO_COLOR: '1' } })
      let text = ''
      child.stdout.on('data', (b: Buffer) => {
        text += b.toString()
        if (text.includes('SSH password: ') && !child.stdin.writableEnded) child.stdin.end(`${labPassword()}\n`)
      })
      child.on('error', reject)
      child.on('close', () => resolve(text))
    })
    expect(out).toContain('SSH password: ')
    expect(out).toMatch(/\| CHANGED \| rc=0 >>\r?\ndeploy/)
    expect(out).not.toContain(labPassword())
  })

  it('without a terminal: a clear error saying how else to give it', () => {
    // setsid: no controlling terminal, as under cron or CI
    const r = spawnSync('setsid', ['-w', process.execPath, BIN, 'exec', 'all', '-i', 'h1,', '-k', '-a', 'true'], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(
      'tsplay: the SSH password (-k) is needed but there is no terminal to ask on (use a key (--private-key), or set ansible_password in a vaulted vars file)\n',
    )
  })
})
