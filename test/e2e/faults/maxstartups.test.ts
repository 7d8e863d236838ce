// Issue 15, point 8: handshakes are paced per sshd across every tsplay process of the controller (sshd's
// MaxStartups 10:30:100 counts all clients: three runs at once lost connections), a start sshd drops
// anyway is retried with backoff, and when sshd keeps dropping them the message names MaxStartups.
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labHost, labInfo, resetHost, sshRun } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'
import { scratch, waitFor, type Scratch } from './fault-helpers.js'

let s: Scratch

beforeAll(async () => {
  s = scratch('startups')
})

afterAll(async () => {
  s.remove()
  await resetHost('lab-2')
  await resetHost('lab-3')
})

/** An inventory of `count` names that all reach one sshd (many inventory hosts on one server). */
function aliases(prefix: string, count: number, host: string, port = 22): string {
  const common = `-o UserKnownHostsFile=${labInfo().knownHosts} -o StrictHostKeyChecking=yes`
  const line = (i: number) => `${prefix}${i} ansible_host=${labHost(host).ip} ansible_port=${port} ansible_user=root ansible_ssh_private_key_file=${labInfo().key} ansible_ssh_common_args='${common}'`
  return `[many]\n${Array.from({ length: count }, (_, i) => line(i + 1)).join('\n')}\n`
}

describe('several tsplay runs at once against one sshd (MaxStartups 10:30:100)', () => {
  it('every connection of every run is made', async () => {
    const site = s.write('one.yml', '- hosts: many\n  gather_facts: no\n  tasks:\n    - command: "true"\n')
    const runs = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((p) => runTsplay(['run', site, '-i', s.write(`${p}.ini`, aliases(`${p}-`, 30, 'lab-2'))])),
    )
    for (const r of runs) {
      expect(r.stdout).not.toContain('UNREACHABLE')
      expect(r.code).toBe(0)
      expect(Object.values(parseRecap(r.stdout)).filter((row) => row.changed === 1)).toHaveLength(30)
    }
  })
})

describe('an sshd that keeps dropping new connections', () => {
  const held: Socket[] = []
  afterAll(() => held.forEach((sock) => sock.destroy()))

  it('is unreachable with a message that names MaxStartups, after retries', async () => {
    // a second sshd on lab-3 that drops every start once 2 connections are unauthenticated; hold 2
    const start = await sshRun('lab-3', '/usr/sbin/sshd -f /etc/tsplay/sshd_config -o Port=2222 -o MaxStartups=2:100:3 -o LoginGraceTime=300')
    expect(start.rc).toBe(0)
    for (let i = 0; i < 2; i++) {
      const sock = connect({ host: labHost('lab-3').ip, port: 2222 })
      held.push(sock)
      // its SSH banner: the start counts now
      await new Promise((resolve, reject) => {
        sock.once('data', resolve)
        sock.once('error', reject)
        setTimeout(() => reject(new Error('no banner from the sshd on lab-3:2222 within 10 s')), 10_000).unref()
      })
    }
    const site = s.write('dropped.yml', '- hosts: many\n  gather_facts: no\n  tasks:\n    - command: "true"\n')
    const r = await runTsplay(['run', site, '-i', s.write('dropped.ini', aliases('x', 1, 'lab-3', 2222))])
    expect(r.code).toBe(4)
    expect(r.stdout).toContain(`sshd at ${labHost('lab-3').ip}:2222 dropped the connection: \\"Exceeded MaxStartups\\" (too many unauthenticated connections to it at once`)
    expect(r.stdout).toContain('(6 attempts)')
  })
})
