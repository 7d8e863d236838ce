import { describe, expect, it } from 'vitest'
import { resolveConnectionSpec } from '../../../src/connection/options.js'
import { parseSshConfig } from '../../../src/connection/ssh-config.js'

const sshConfig = parseSshConfig(
  `Host bastion
  HostName 198.51.100.7
  User jumper
  IdentityFile /keys/jump

Host app*
  User core
  Port 2201
  IdentityFile /keys/app
  ProxyCommand ssh -W %h:%p bastion
`,
  '/cfg',
)
const base = { sshConfig, agent: false as const, knownHostsFiles: ['/kh'] }

describe('resolveConnectionSpec', () => {
  it('takes ansible_* vars over ~/.ssh/config, and ssh config over defaults', () => {
    const spec = resolveConnectionSpec('app1', { ansible_host: 'app1', ansible_port: '2299' }, base)
    expect(spec).toMatchObject({ name: 'app1', kind: 'ssh', host: 'app1', port: 2299, user: 'core' })
    expect(spec.identityFiles).toEqual(['/keys/app'])
    expect(spec.hostKeyPolicy).toBe('strict')
    // ProxyCommand `ssh -W` became a jump through the bastion, resolved through the same config
    expect(spec.jumps).toEqual([{ host: '198.51.100.7', port: 22, user: 'jumper', identityFiles: ['/keys/jump', '/keys/app'] }])
    expect(spec.proxyCommand).toBeUndefined()
  })

  it('reads user, password, key file and the ssh args Ansible passes through', () => {
    const spec = resolveConnectionSpec(
      'db',
      {
        ansible_host: '192.0.2.4',
        ansible_user: 'deploy',
        ansible_password: 's3cret',
        ansible_ssh_private_key_file: '/keys/db',
        ansible_ssh_common_args: `-o StrictHostKeyChecking=accept-new -o 'UserKnownHostsFile=/tmp/kh1 /tmp/kh2'`,
        ansible_ssh_extra_args: '-o ProxyJump=root@192.0.2.1:2222,192.0.2.2',
      },
      base,
    )
    expect(spec).toMatchObject({ host: '192.0.2.4', port: 22, user: 'deploy', password: 's3cret', hostKeyPolicy: 'accept-new' })
    expect(spec.knownHostsFiles).toEqual(['/tmp/kh1', '/tmp/kh2'])
    expect(spec.identityFiles[0]).toBe('/keys/db')
    expect(spec.jumps.map((j) => `${j.user}@${j.host}:${j.port}`)).toEqual([
      'root@192.0.2.1:2222',
      `${spec.jumps[1].user}@192.0.2.2:22`,
    ])
  })

  it('reports ssh arguments it cannot honour instead of dropping them silently', () => {
    const spec = resolveConnectionSpec('x', { ansible_ssh_common_args: '-C -o ControlMaster=auto -o Ciphers=aes128-ctr -L 80:a:80 -o Port=2022 -o User=u' }, base)
    expect(spec.warnings).toEqual(['host x: ssh argument -o ciphers is ignored by tsplay', 'host x: ssh argument -L 80:a:80 is ignored by tsplay'])
    expect([spec.port, spec.user]).toEqual([2022, 'u'])
  })

  it('keeps a non-ssh ProxyCommand as a command', () => {
    const spec = resolveConnectionSpec('x', { ansible_ssh_common_args: `-o 'ProxyCommand=nc -x p:1080 %h %p'` }, base)
    expect(spec.proxyCommand).toBe('nc -x p:1080 %h %p')
    expect(spec.jumps).toEqual([])
  })

  it('maps ansible_host_key_checking=false and --accept-new-host-keys', () => {
    expect(resolveConnectionSpec('x', { ansible_host_key_checking: 'False' }, base).hostKeyPolicy).toBe('no')
    expect(resolveConnectionSpec('x', {}, { ...base, acceptNewHostKeys: true }).hostKeyPolicy).toBe('accept-new')
    // an explicit ssh arg still wins
    const strict = { ansible_ssh_common_args: '-o StrictHostKeyChecking=yes' }
    expect(resolveConnectionSpec('x', strict, { ...base, acceptNewHostKeys: true }).hostKeyPolicy).toBe('strict')
  })

  it('resolves become from ansible_become_* over the command line', () => {
    const spec = resolveConnectionSpec(
      'x',
      { ansible_become: 'yes', ansible_become_user: 'postgres', ansible_become_pass: 'pw' },
      { ...base, become: { method: 'sudo', password: 'cli' } },
    )
    expect(spec.become).toEqual({ method: 'sudo', user: 'postgres', password: 'pw', flags: undefined })
    expect(resolveConnectionSpec('x', {}, base).become).toBeUndefined()
    expect(resolveConnectionSpec('x', { ansible_connection: 'local' }, base).kind).toBe('local')
  })

  it('says what is wrong with a bad port or become method', () => {
    expect(() => resolveConnectionSpec('web1', { ansible_port: 'ssh' }, base)).toThrow(
      'host web1 ansible_port must be a port number (1-65535), got "ssh"',
    )
    expect(() => resolveConnectionSpec('web1', { ansible_become: true, ansible_become_method: 'doas' }, base)).toThrow(
      /sudo or su, got "doas"/,
    )
  })
})

describe('connection timeouts and dead-peer detection', () => {
  const config = parseSshConfig('Host slow*\n  ConnectTimeout 30\n  ServerAliveInterval 20\n  ServerAliveCountMax 5\n', '/cfg')
  const opts = { ...base, sshConfig: config }
  const timing = (name: string, vars: Record<string, unknown>, extra = {}) => {
    const s = resolveConnectionSpec(name, vars, { ...opts, ...extra })
    return [s.connectTimeoutMs, s.keepaliveIntervalMs, s.keepaliveCountMax]
  }

  it('defaults stay 10 s to connect and keepalives 15 s × 3', () => {
    expect(timing('h', {})).toEqual([10_000, 15_000, 3])
  })

  it('~/.ssh/config sets them, ssh args override the config, -T overrides both for the connect timeout', () => {
    expect(timing('slow1', {})).toEqual([30_000, 20_000, 5])
    expect(timing('slow1', { ansible_ssh_common_args: '-o ConnectTimeout=4 -o ServerAliveInterval=2 -o ServerAliveCountMax=1' })).toEqual([4000, 2000, 1])
    expect(timing('slow1', { ansible_ssh_common_args: '-o ConnectTimeout=4' }, { timeoutMs: 7000 })).toEqual([7000, 20_000, 5])
  })

  it('ansible_ssh_timeout and ansible_timeout win over -T; ServerAliveInterval 0 turns keepalives off', () => {
    expect(timing('h', { ansible_ssh_timeout: 3 }, { timeoutMs: 7000 })[0]).toBe(3000)
    expect(timing('h', { ansible_timeout: '5' }, { timeoutMs: 7000 })[0]).toBe(5000)
    expect(timing('h', { ansible_ssh_extra_args: '-o ServerAliveInterval=0' })[1]).toBe(0)
  })

  it('are honoured, not reported as ignored; a bad value is an error naming it', () => {
    expect(resolveConnectionSpec('h', { ansible_ssh_common_args: '-o ServerAliveInterval=1 -o ServerAliveCountMax=2' }, opts).warnings).toEqual([])
    expect(() => resolveConnectionSpec('h', { ansible_ssh_timeout: 'soon' }, opts)).toThrow('host h ansible_ssh_timeout must be a number of seconds > 0, got "soon"')
  })
})
