// Issue 15, point 2: SIGINT/SIGTERM stop a run cleanly. Nothing new starts, the commands running on the
// hosts are stopped (their temp files removed), the recap names the hosts stopped, --json, --junit and
// the retry file are written, the exit code is 130/143; a second Ctrl-C exits at once; ProxyCommand
// relays end with tsplay.
import { spawn } from 'node:child_process'
import { chmodSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labHost, labInfo, listUpperFiles, resetHost } from '../lab-helpers.js'
import { parseRecap, type CliResult } from '../run-tsplay.js'
import { hostProcesses, scratch, waitFor, type Scratch } from './fault-helpers.js'

const BIN = fileURLToPath(new URL('../../../bin/tsplay.js', import.meta.url))
let s: Scratch

beforeAll(async () => {
  s = scratch('signals')
  for (const h of ['lab-1', 'lab-2', 'lab-3']) await resetHost(h)
})

afterAll(async () => {
  s.remove()
  for (const h of ['lab-1', 'lab-2', 'lab-3']) await resetHost(h)
})

/** Starts `tsplay ARGS`, and once `ready()` holds sends it `signals` (one after the other). */
async function interrupted(args: string[], ready: () => boolean, signals: NodeJS.Signals[]): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
  const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)))
  await waitFor('the run to reach the moment to interrupt it', ready)
  for (const sig of signals) {
    child.kill(sig)
    await new Promise((r) => setTimeout(r, 200))
  }
  return { code: await closed, stdout, stderr }
}

const running = (host: string, name: string) => hostProcesses(labHost(host).netns).includes(name)

describe('SIGINT during a task on three hosts', () => {
  it('stops the commands on every host, prints the recap, writes --junit and the retry file; exit 130', async () => {
    const site = s.write('nap.yml', '- hosts: all\n  gather_facts: no\n  tasks:\n    - name: nap\n      command: sleep 60\n    - name: never\n      file: path=/root/never state=touch\n')
    const junit = join(s.dir, 'junit.xml')
    const retry = join(s.dir, 'nap.retry')
    const r = await interrupted(['run', site, '-i', s.inventory, '--junit', junit, '--retry-file', retry], () => ['lab-1', 'lab-2', 'lab-3'].every((h) => running(h, 'sleep')), ['SIGINT'])
    expect(r.code).toBe(130)
    expect(r.stderr).toContain('tsplay: SIGINT received: stopping')
    for (const h of ['lab-1', 'lab-2', 'lab-3']) {
      expect(r.stdout).toContain(`fatal: [${h}]: FAILED! => {"changed": false, "msg": "interrupted by SIGINT: the command was stopped"}`)
      expect(running(h, 'sleep')).toBe(false)
      expect(listUpperFiles(h)).toEqual([])
    }
    expect(r.stdout).not.toContain('TASK [never]')
    expect(r.stdout).toContain('[WARNING]: interrupted by SIGINT: no task was started after it, the commands running were stopped; stopped on lab-1, lab-2, lab-3')
    expect(parseRecap(r.stdout)['lab-2']).toMatchObject({ failed: 1 })
    expect(readFileSync(retry, 'utf8')).toBe('lab-1\nlab-2\nlab-3\n')
    expect(readFileSync(junit, 'utf8')).toContain('<failure type="failed" message="interrupted by SIGINT: the command was stopped"/>')
  })
})

describe('SIGTERM during a copy', () => {
  it('removes the temp file on the host and prints the --json document; exit 143', async () => {
    const site = s.write(
      'copy.yml',
      `- hosts: lab-1\n  gather_facts: no\n  tasks:\n    - copy:\n        content: "payload"\n        dest: /root/target\n        validate: "sh -c 'sleep 60' %s"\n`,
    )
    const temp = () => listUpperFiles('lab-1').some((f) => f.startsWith('root/.tsplay-'))
    const r = await interrupted(['run', site, '-i', s.inventory, '--json'], temp, ['SIGTERM'])
    expect(r.code).toBe(143)
    const doc = JSON.parse(r.stdout)
    expect(doc.stats['lab-1']).toMatchObject({ failures: 1 })
    expect(doc.plays[0].tasks[0].hosts['lab-1']).toMatchObject({ failed: true, interrupted: true, msg: 'interrupted by SIGTERM: the command was stopped' })
    expect(listUpperFiles('lab-1')).toEqual([])
    expect(running('lab-1', 'sleep')).toBe(false)
  })
})

describe('a second Ctrl-C', () => {
  it('exits at once, while the first is still stopping a command that ignores TERM', async () => {
    const site = s.write('stubborn.yml', "- hosts: lab-3\n  gather_facts: no\n  tasks:\n    - shell: trap '' TERM; sleep 60\n")
    const r = await interrupted(['run', site, '-i', s.inventory], () => running('lab-3', 'sleep'), ['SIGINT', 'SIGINT'])
    expect(r.code).toBe(130)
    expect(r.stderr).toContain('tsplay: SIGINT again: exiting now')
    expect(r.stdout).not.toContain('PLAY RECAP')
  })
})

describe('ProxyCommand relays', () => {
  it('end with tsplay when it is interrupted: no relay process is left on the controller', async () => {
    const relay = s.write('relay.sh', `#!/bin/sh\n# not exec: the relay is a child of this shell\nssh -i ${labInfo().key} -o UserKnownHostsFile=${labInfo().knownHosts} -o StrictHostKeyChecking=yes -F /dev/null -W "$1:$2" root@${labHost('lab-1').ip} ${s.dir}\n`)
    chmodSync(relay, 0o755)
    const inv = s.write(
      'proxied.yml',
      `all:\n  hosts:\n    lab-2:\n      ansible_host: ${labHost('lab-2').ip}\n      ansible_user: root\n      ansible_ssh_private_key_file: ${labInfo().key}\n      ansible_ssh_common_args: "-o UserKnownHostsFile=${labInfo().knownHosts} -o StrictHostKeyChecking=yes -o ProxyCommand='${relay} %h %p'"\n`,
    )
    const site = s.write('via.yml', '- hosts: lab-2\n  gather_facts: no\n  tasks:\n    - command: sleep 60\n')
    const relays = () => relayProcesses(s.dir)
    const r = await interrupted(['run', site, '-i', inv], () => running('lab-2', 'sleep') && relays().length > 0, ['SIGINT'])
    expect(r.code).toBe(130)
    expect(r.stdout).toContain('fatal: [lab-2]: FAILED! => {"changed": false, "msg": "interrupted by SIGINT: the command was stopped"}')
    await waitFor('the relays to end', () => relays().length === 0, 10_000)
    expect(running('lab-2', 'sleep')).toBe(false)
  })
})

/** Processes of this machine whose command line mentions `marker` (the relay script and its ssh). */
function relayProcesses(marker: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker)
      } catch {
        return false
      }
    })
    .map(Number)
}

