import { describe, expect, it } from 'vitest'
import { homedir } from 'node:os'
import { parseSshConfig, resolveSshConfig } from '../../../src/connection/ssh-config.js'

const CONFIG = `
# global defaults come first only if written first; OpenSSH takes the first value seen
Host bastion
  HostName 203.0.113.9
  User ops
  Port 2200

Host web* !web-legacy
  User core
  IdentityFile ~/.ssh/web_%r
  ProxyCommand ssh -W %h:%p bastion

Match host foo
  User never

Host db1
  Hostname=db1.internal
  ProxyJump bastion
  StrictHostKeyChecking accept-new
  UserKnownHostsFile ~/.ssh/kh_lab /dev/null

Host *
  User fallback
  IdentityFile ~/.ssh/id_common
  ConnectTimeout 7
`

describe('ssh config', () => {
  const config = parseSshConfig(CONFIG, '/home/u/.ssh/config')

  it('applies every matching Host block, first value wins, IdentityFile accumulates', () => {
    const web = resolveSshConfig(config, 'web3')
    expect(web.user).toBe('core')
    expect(web.identityFiles).toEqual([`${homedir()}/.ssh/web_core`, `${homedir()}/.ssh/id_common`])
    expect(web.proxyCommand).toBe('ssh -W %h:%p bastion')
    expect(web.connectTimeout).toBe(7)
    expect(web.port).toBeUndefined()
  })

  it('honours negated patterns and skips Match blocks with a warning', () => {
    expect(resolveSshConfig(config, 'web-legacy').user).toBe('fallback')
    expect(resolveSshConfig(config, 'foo').user).toBe('fallback')
    expect(config.warnings).toEqual(['/home/u/.ssh/config:13: Match blocks are not supported and were skipped'])
  })

  it('reads HostName, Port, ProxyJump, StrictHostKeyChecking, UserKnownHostsFile (with = syntax)', () => {
    expect(resolveSshConfig(config, 'bastion')).toMatchObject({ hostName: '203.0.113.9', user: 'ops', port: 2200 })
    expect(resolveSshConfig(config, 'db1')).toMatchObject({
      hostName: 'db1.internal',
      proxyJump: 'bastion',
      strictHostKeyChecking: 'accept-new',
      userKnownHostsFiles: [`${homedir()}/.ssh/kh_lab`, '/dev/null'],
    })
  })

  it('names file and line for a bad value', () => {
    const bad = parseSshConfig('Host x\n  Port twenty\n', '/cfg')
    expect(() => resolveSshConfig(bad, 'x')).toThrow(/port must be a positive number, got "twenty"/)
    try {
      resolveSshConfig(bad, 'x')
    } catch (e) {
      expect((e as { describe(): string }).describe()).toMatch(/^\/cfg:2: /)
    }
  })
})
