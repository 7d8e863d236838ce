// Acceptance of `tsplay lab` (issue 2), against the e2e lab and one lab of its own.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { labCut, labDown, labHeal, labStart, labStatus, labStop, labUp } from '../../src/lab/index.js'
import { tcpOpen } from '../../src/lab/host-process.js'
import { processesUnder } from '../../src/lab/procs.js'
import { mountsUnder } from '../../src/lab/rootfs.js'
import { main } from '../../src/cli/main.js'
import { sh } from '../../src/util/shell-quote.js'
import { labHost, labInfo, labPassword, listUpperFiles, resetHost, sshRun, upperEntries } from './lab-helpers.js'

const lab = () => ({ name: labInfo().name })

describe('lab hosts', () => {
  it('are reached by IP with the written key and known_hosts, strict checking, each with its own hostname', async () => {
    const names = []
    for (const h of labInfo().hosts) {
      const r = await sshRun(h.name, 'hostname')
      expect(r.stderr).toBe('')
      expect(r.rc).toBe(0)
      names.push(r.stdout.trim())
    }
    expect(names).toEqual(labInfo().hosts.map((h) => h.name))
    expect(new Set(names).size).toBe(names.length)
  })

  it('are refused when the host key is not in known_hosts (checking is really strict)', async () => {
    const empty = join(tmpdir(), `tsplay-e2e-empty-known-hosts-${process.pid}`)
    writeFileSync(empty, '')
    try {
      const r = await sshRun('lab-1', 'true', { knownHosts: empty })
      expect(r.rc).toBe(255)
      expect(r.stderr).toMatch(/Host key verification failed/)
    } finally {
      rmSync(empty)
    }
  })

  it('the inventory names every host with ansible_host, user, key and known_hosts', () => {
    const ini = readFileSync(labInfo().hostsIni, 'utf8')
    for (const h of labInfo().hosts) {
      expect(ini).toContain(`${h.name} ansible_host=${h.ip} ansible_user=root ansible_ssh_private_key_file=${labInfo().key} `)
    }
    expect(ini).toContain(`UserKnownHostsFile=${labInfo().knownHosts} -o StrictHostKeyChecking=yes`)
  })

  it('keep writes to themselves: a file on lab-1 is absent on lab-2 and on the machine, and is all lab-1 wrote', async () => {
    const path = `/root/tsplay-e2e-${process.pid}`
    expect((await sshRun('lab-1', sh`echo one > ${path}`)).rc).toBe(0)
    expect((await sshRun('lab-1', sh`cat ${path}`)).stdout).toBe('one\n')
    expect((await sshRun('lab-2', sh`test -e ${path}`)).rc).toBe(1)
    expect(existsSync(path)).toBe(false)
    expect(listUpperFiles('lab-1')).toContain(path.slice(1))
    expect(listUpperFiles('lab-2')).not.toContain(path.slice(1))
    expect(upperEntries('lab-1').find((e) => e.path === path.slice(1))?.kind).toBe('file')
  })

  it('have a clean root home: the machine\'s /root is hidden, even files created there later', async () => {
    const late = `/root/.tsplay-e2e-late-${process.pid}`
    writeFileSync(late, '')
    try {
      const r = await sshRun('lab-1', 'ls -A /root; cat /root/.bashrc | wc -c')
      expect(r.stdout.split('\n').filter((l) => l && !l.startsWith('tsplay-e2e-'))).toEqual(['.bashrc', '.profile', '.ssh', '0'])
    } finally {
      rmSync(late)
    }
  })

  it('let deploy sudo with its password and not without', async () => {
    const without = await sshRun('lab-2', 'sudo -n id -u', { user: 'deploy' })
    expect(without.rc).toBe(1)
    expect(without.stderr).toMatch(/password is required/)
    const right = await sshRun('lab-2', "sudo -k; sudo -S -p '' id -u", { user: 'deploy', input: `${labPassword()}\n` })
    expect(right.stdout).toBe('0\n')
    expect((await sshRun('lab-2', 'id -un', { user: 'deploy' })).stdout).toBe('deploy\n')
  })

  it('stop makes a host unreachable within 1 s; start brings it back with its files intact', async () => {
    expect((await sshRun('lab-2', 'echo kept > /root/kept')).rc).toBe(0)
    const t0 = Date.now()
    await labStop('lab-2', lab())
    expect(await tcpOpen(labHost('lab-2').ip, 22, 1000)).toBe(false)
    expect(Date.now() - t0).toBeLessThan(1000) // timed without ssh's own start-up, which load inflates
    expect((await sshRun('lab-2', 'true', { connectTimeoutS: 1 })).rc).toBe(255)
    expect((await labStatus(lab())).hosts.find((h) => h.name === 'lab-2')).toMatchObject({ alive: false, ssh: false })
    await labStart('lab-2', lab())
    expect((await sshRun('lab-2', 'cat /root/kept; hostname')).stdout).toBe('kept\nlab-2\n')
    expect((await sshRun('lab-1', 'true')).rc).toBe(0) // the others never noticed
  })

  it('cut drops a host off the network (connections time out) and heal restores it', async () => {
    await labCut('lab-3', lab())
    try {
      const t0 = Date.now()
      const r = await sshRun('lab-3', 'true', { connectTimeoutS: 1 })
      expect(r.rc).toBe(255)
      expect(r.stderr).toMatch(/timed out/i)
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900)
    } finally {
      await labHeal('lab-3', lab())
    }
    expect((await sshRun('lab-3', 'hostname')).stdout).toBe('lab-3\n')
  })

  it('resetHost gives a test a fresh host: empty upperdir, same key and address', async () => {
    expect((await sshRun('lab-3', 'echo x > /etc/tsplay-e2e; rm /etc/hostname')).rc).toBe(0)
    expect(upperEntries('lab-3')).toContainEqual({ path: 'etc/hostname', kind: 'deleted' })
    await resetHost('lab-3')
    expect(upperEntries('lab-3')).toEqual([])
    expect((await sshRun('lab-3', 'cat /etc/hostname; test -e /etc/tsplay-e2e || echo gone')).stdout).toBe('lab-3\ngone\n')
  })

  it('`tsplay lab status` lists every host as alive', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    let code: number
    let text: string
    try {
      code = await main(['lab', 'status', '--name', labInfo().name])
    } finally {
      text = out.mock.calls.map((c) => String(c[0])).join('')
      out.mockRestore()
    }
    expect(code).toBe(0)
    for (const h of labInfo().hosts) expect(text).toMatch(new RegExp(`${h.name}\\s+${h.ip.replace(/\./g, '\\.')}\\s+alive\\n`))
  })
})

describe('a lab of its own', () => {
  it('up is idempotent and grows; down leaves no namespace, mount, process, link or state', async () => {
    const name = `d${process.pid.toString(36).slice(-5)}`
    try {
      const first = await labUp({ name, count: 2, owner: process.pid })
      expect(first.started).toEqual(['lab-1', 'lab-2'])
      const again = await labUp({ name, count: 2, owner: process.pid })
      expect(again.started).toEqual([])
      expect(again.hosts).toEqual(first.hosts)
      const grown = await labUp({ name, count: 3, owner: process.pid })
      expect(grown.started).toEqual(['lab-3'])
      expect(grown.subnet).toBe(first.subnet)
      expect(grown.subnet).not.toBe(labInfo().subnet)
      expect(processesUnder(first.dir).length).toBeGreaterThanOrEqual(3)

      await labDown({ name })
      expect(readdirSync('/run/netns').filter((n) => n.startsWith(`tsplay-${name}-`))).toEqual([])
      expect(mountsUnder(first.dir)).toEqual([])
      expect(processesUnder(first.dir)).toEqual([])
      expect(existsSync(`/sys/class/net/${first.bridge}`)).toBe(false)
      expect(readdirSync('/sys/class/net').filter((n) => n.startsWith(`tsp${name}h`))).toEqual([])
      expect(existsSync(first.dir)).toBe(false)
    } finally {
      await labDown({ name })
    }
  })
})

describe('lab up --inventory DIR', () => {
  it('writes DIR/hosts, and lab down removes it (a file the user replaced since stays)', async () => {
    const name = `i${process.pid.toString(36).slice(-5)}`
    const dir = join(tmpdir(), `tsplay-e2e-inv-${process.pid}`)
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      expect(await main(['lab', 'up', '1', '--name', name, '--inventory', dir])).toBe(0)
      expect(readFileSync(join(dir, 'hosts'), 'utf8')).toContain(`for lab '${name}'`)
      expect(await main(['lab', 'down', '--name', name])).toBe(0)
      expect(existsSync(join(dir, 'hosts'))).toBe(false)

      expect(await main(['lab', 'up', '1', '--name', name, '--inventory', dir])).toBe(0)
      writeFileSync(join(dir, 'hosts'), '[mine]\nother-host\n')
      expect(await main(['lab', 'down', '--name', name])).toBe(0)
      expect(readFileSync(join(dir, 'hosts'), 'utf8')).toBe('[mine]\nother-host\n')
    } finally {
      out.mockRestore()
      await labDown({ name })
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

// Opt-in (TSPLAY_E2E_SCALE=1): the scale target, too heavy for every run on a shared machine.
describe.runIf(process.env.TSPLAY_E2E_SCALE)('scale', () => {
  it('brings 50 hosts up in under 20 s, all answering ssh', async () => {
    const name = `s${process.pid.toString(36).slice(-5)}`
    try {
      const t0 = Date.now()
      const up = await labUp({ name, count: 50, owner: process.pid })
      const elapsed = Date.now() - t0
      expect(up.started).toHaveLength(50)
      expect(elapsed).toBeLessThan(20_000)
      const status = await labStatus({ name })
      expect(status.hosts.filter((h) => h.alive && h.ssh)).toHaveLength(50)
    } finally {
      await labDown({ name })
    }
  })
})
