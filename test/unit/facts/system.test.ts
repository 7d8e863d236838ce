// File-backed facts (names, resolver, SSH keys, the account, initiator names, local facts, env, security),
// each compared with what ansible-core's own collector says about the same /etc.
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { ansibleFacts, canFakeEtc, tsplayFacts, type EtcFiles } from './fake-etc.js'

const node = hostname()
const nss = { 'nsswitch.conf': 'hosts: files\n' }

function same(etc: EtcFiles, ansibleClass: string, subset: string, args: Record<string, unknown> = {}) {
  const ansible = ansibleFacts(etc, [`${ansibleClass}`], args)
  const tsplay = tsplayFacts(etc, ['!all', '!min', subset], args.fact_path as string | undefined)
  return { ansible, tsplay }
}

describe.skipIf(!canFakeEtc)('facts from /etc, compared with ansible-core on the same files', () => {
  it.each([
    ['the FQDN on the line naming the host', `127.0.0.1 localhost\n127.0.1.1 ${node}.example.org ${node}\n`],
    ['no line naming the host', '127.0.0.1 localhost\n'],
    ['a line without a dotted name', `10.9.8.7 box-alias ${node} # comment\n`],
    ['the address first named by another line', `10.9.8.7 first.example.net\n10.9.8.7 ${node}\n`],
  ])('platform names: %s', (_what, hosts) => {
    const { ansible, tsplay } = same({ ...nss, hosts, 'machine-id': '0123456789abcdef0123456789abcdef\n' }, 'system.platform.PlatformFactCollector', 'platform')
    expect(tsplay).toEqual(ansible)
  })

  it('dns: nameservers, search, domain, sortlist, options', () => {
    const resolv = '# generated\n; also a comment\nnameserver 10.0.0.2\nnameserver 10.0.0.3 10.0.0.4\ndomain corp.example\nsearch a.example b.example\nsortlist 10.0.0.0/8\noptions ndots:2 rotate timeout:\n\n'
    const { ansible, tsplay } = same({ 'resolv.conf': resolv }, 'system.dns.DnsFactCollector', 'dns')
    expect(tsplay).toEqual(ansible)
    expect(tsplay.dns).toMatchObject({ nameservers: ['10.0.0.2', '10.0.0.3', '10.0.0.4'] })
  })

  it('ssh host keys, including the stop at a key already found in an earlier directory', () => {
    const etc = {
      'ssh/ssh_host_rsa_key.pub': 'ssh-rsa AAAArsa root@h\n',
      'ssh/ssh_host_ed25519_key.pub': 'ssh-ed25519 AAAAed root@h\n',
      'ssh_host_ecdsa_key.pub': 'ecdsa-sha2-nistp256 AAAAec root@h\n',
      'ssh_host_rsa_key.pub': 'ssh-rsa AAAAother\n',
    }
    const { ansible, tsplay } = same(etc, 'system.ssh_pub_keys.SshPubKeyFactCollector', 'ssh_pub_keys')
    expect(tsplay).toEqual(ansible)
  })

  it("the account: /etc/passwd's entry of the user", () => {
    const passwd = 'root:x:0:0:Root User,,,:/root:/bin/zsh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n'
    const { ansible, tsplay } = same({ passwd }, 'system.user.UserFactCollector', 'user')
    expect(tsplay).toEqual(ansible)
    expect(tsplay.user_shell).toBe('/bin/zsh')
  })

  it('iSCSI and NVMe initiator names', () => {
    const etc = { 'iscsi/initiatorname.iscsi': '## comment\nInitiatorName=iqn.1993-08.org.debian:01:44a42c8ddb8b\n', 'nvme/hostnqn': '# x\nnqn.2014-08.org.nvmexpress:uuid:2cd61a74\n' }
    for (const [cls, subset] of [['network.iscsi.IscsiInitiatorNetworkCollector', 'iscsi'], ['network.nvme.NvmeInitiatorNetworkCollector', 'nvme']]) {
      const { ansible, tsplay } = same(etc, cls, subset)
      expect(tsplay).toEqual(ansible)
    }
  })

  it('local facts: JSON, INI, executables (failing too), unreadable content, a dangling symlink', () => {
    const d = 'ansible/facts.d/'
    const etc: EtcFiles = {
      [`${d}json.fact`]: '{"a": [1, 2.5, null, true], "b": {"c": "d"}}\n',
      [`${d}ini.fact`]: '[DEFAULT]\nbase = /srv\n\n[App]\nName = web\npath = %(base)s/app\nmotd = first line\n  second line\n; comment\n[other]\nx: 1\n',
      [`${d}exec.fact`]: { script: '#!/bin/sh\nprintf \'{"from": "a script", "pid": "%s"}\' yes\n' },
      [`${d}failing.fact`]: { script: '#!/bin/sh\nexit 3\n' },
      [`${d}garbage.fact`]: 'not json [nope\n',
      [`${d}empty.fact`]: '',
      [`${d}a.factory.fact`]: '"just a string"',
      [`${d}dead_symlink.fact`]: { link: '/nonexistent/target' },
      [`${d}ignored.txt`]: '{"not": "a fact"}',
    }
    const { ansible, tsplay } = same(etc, 'system.local.LocalFactCollector', 'local', { fact_path: '/etc/ansible/facts.d' })
    expect(tsplay).toEqual(ansible)
    expect(Object.keys(tsplay.local as object)).toContain('exec')
  })

  it('no local facts directory', () => {
    const { ansible, tsplay } = same({}, 'system.local.LocalFactCollector', 'local', { fact_path: '/etc/ansible/facts.d' })
    expect(tsplay).toEqual(ansible)
  })

  it('env, selinux, apparmor, fips, chroot and the kernel command line of this machine', () => {
    const classes: Array<[string, string]> = [
      ['system.env.EnvFactCollector', 'env'],
      ['system.apparmor.ApparmorFactCollector', 'apparmor'],
      ['system.fips.FipsFactCollector', 'fips'],
      ['system.chroot.ChrootFactCollector', 'chroot'],
      ['system.cmdline.CmdLineFactCollector', 'cmdline'],
    ]
    for (const [cls, subset] of classes) {
      const { ansible, tsplay } = same({ passwd: 'root:x:0:0:root:/root:/bin/sh\n' }, cls, subset)
      expect(tsplay, subset).toEqual(ansible)
    }
    // ansible-core needs Python's selinux bindings for this fact; both say disabled here
    const { ansible, tsplay } = same({}, 'system.selinux.SelinuxFactCollector', 'selinux')
    expect(tsplay.selinux).toEqual(ansible.selinux)
  })
})
