// A host the controller cannot reach directly, managed through a bastion (ProxyJump / ProxyCommand
// ssh -W), without any ssh binary. The target's route back to the controller is blackholed, so only
// the bastions can talk to it; $SSH_CONNECTION on the target proves which host the session came from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { connectionFor } from '../../../src/connection/index.js'
import { parseSshConfig } from '../../../src/connection/ssh-config.js'
import { UnreachableError } from '../../../src/errors.js'
import { labHost, labInfo } from '../lab-helpers.js'
import { controllerIp, labVars, newPool } from './conn-helpers.js'

const TARGET = 'lab-3'
const clientIpOf = (sshConnection: string) => sshConnection.split(' ')[0]

describe('jump hosts', () => {
  const netns = () => labHost(TARGET).netns
  const route = () => ['-n', netns(), 'route', 'add', 'blackhole', `${controllerIp()}/32`]
  beforeAll(() => execFileSync('ip', route()))
  afterAll(() => execFileSync('ip', route().map((a) => (a === 'add' ? 'del' : a))))

  it('the target is really unreachable directly', async () => {
    const pool = newPool({ connectTimeoutMs: 1500 })
    const err = await connectionFor(TARGET, labVars(TARGET), { pool }).run('true').catch((e) => e)
    await pool.closeAll()
    expect(err).toBeInstanceOf(UnreachableError)
    expect(err.message).toBe(`timed out after 1.5s connecting to ${labHost(TARGET).ip}:22`)
  })

  it('is managed through a bastion with ansible_ssh_common_args -o ProxyJump=', async () => {
    const pool = newPool()
    const vars = labVars(TARGET, { ansible_ssh_common_args: `-o ProxyJump=root@${labHost('lab-1').ip}` })
    const conn = connectionFor(TARGET, vars, { pool })
    const r = await conn.run('hostname; echo $SSH_CONNECTION')
    const [name, via] = r.stdout.trim().split('\n')
    expect([name, clientIpOf(via)]).toEqual([TARGET, labHost('lab-1').ip])
    await conn.put('through the bastion\n', '/tmp/jumped')
    expect((await conn.get('/tmp/jumped')).toString()).toBe('through the bastion\n')
    await pool.closeAll()
  })

  it('follows ~/.ssh/config: ProxyCommand ssh -W %h:%p through a two-hop ProxyJump chain', async () => {
    const key = labInfo().key
    const sshConfig = parseSshConfig(
      [
        `Host bastion1`,
        `  HostName ${labHost('lab-1').ip}`,
        `  User root`,
        `  IdentityFile ${key}`,
        `Host bastion2`,
        `  HostName ${labHost('lab-2').ip}`,
        `  User root`,
        `  IdentityFile ${key}`,
        `  ProxyJump bastion1`,
        `Host hidden`,
        `  HostName ${labHost(TARGET).ip}`,
        `  User root`,
        `  IdentityFile ${key}`,
        `  ProxyCommand ssh -W %h:%p -J bastion1 bastion2`,
      ].join('\n'),
      'test-ssh-config',
    )
    const pool = newPool({ sshConfig })
    const conn = connectionFor(TARGET, { ansible_host: 'hidden' }, { pool })
    const [name, via] = (await conn.run('hostname; echo $SSH_CONNECTION')).stdout.trim().split('\n')
    expect([name, clientIpOf(via)]).toEqual([TARGET, labHost('lab-2').ip])
    await pool.closeAll()
  })

  it('many hosts behind one bastion share its connection', async () => {
    const pool = newPool()
    const jump = { ansible_ssh_common_args: `-o ProxyJump=root@${labHost('lab-1').ip}` }
    const conns = Array.from({ length: 12 }, (_, i) => connectionFor(`alias-${i}`, labVars(TARGET, jump), { pool }))
    const results = await Promise.all(conns.map((c) => c.run('echo $SSH_CONNECTION')))
    const bastionPorts = new Set(results.map((r) => r.stdout.split(' ')[1]))
    expect(results.every((r) => clientIpOf(r.stdout) === labHost('lab-1').ip)).toBe(true)
    expect(bastionPorts.size).toBe(12) // 12 target sessions ...
    const bastion = connectionFor('lab-1', labVars('lab-1'), { pool })
    const sessions = await bastion.run(`ss -tn state established '( sport = :22 )' | grep -c ${controllerIp()}`)
    expect(sessions.stdout.trim()).toBe('2') // ... but only the jump connection and this one reach lab-1
    await pool.closeAll()
  })
})
