import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hostsIniText, knownHostsText } from '../../../src/lab/inventory-writer.js'
import { labPaths } from '../../../src/lab/paths.js'
import type { LabState } from '../../../src/lab/state.js'

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')

const state: LabState = {
  version: 1,
  name: 'lab',
  subnet: 7,
  bridge: 'tsp-lab',
  hosts: [
    { name: 'lab-1', index: 1, ip: '10.213.7.11', netns: 'tsplay-lab-1', veth: 'tsplabh1' },
    { name: 'lab-2', index: 2, ip: '10.213.7.12', netns: 'tsplay-lab-2', veth: 'tsplabh2' },
  ],
}

describe('lab inventory', () => {
  const paths = labPaths('lab', '/srv/labs')

  it('writes the hosts.ini that Ansible reads as the intended host vars', () => {
    const ini = hostsIniText(state, paths)
    expect(ini).toBe(fixture('lab-hosts.ini'))
    // Made by `ansible-inventory -i lab-hosts.ini --list` (ansible-core 2.14) from that same file.
    const ansible = JSON.parse(fixture('lab-hosts.ansible.json'))
    expect(ansible.lab.hosts).toEqual(['lab-1', 'lab-2'])
    expect(ansible._meta.hostvars['lab-2']).toEqual({
      ansible_host: '10.213.7.12',
      ansible_user: 'root',
      ansible_ssh_private_key_file: '/srv/labs/lab/id_ed25519',
      ansible_ssh_common_args: '-o UserKnownHostsFile=/srv/labs/lab/known_hosts -o StrictHostKeyChecking=yes',
    })
  })

  it('lists each host key under the host IP and name', () => {
    const keys = new Map([
      ['lab-1', 'ssh-ed25519 AAAAone root@lab-1'],
      ['lab-2', 'ssh-ed25519 AAAAtwo root@lab-2'],
    ])
    expect(knownHostsText(state, keys)).toBe('10.213.7.11,lab-1 ssh-ed25519 AAAAone\n10.213.7.12,lab-2 ssh-ed25519 AAAAtwo\n')
  })

  it('refuses state roots that would need quoting in ssh options', () => {
    expect(() => labPaths('lab', "/srv/it's labs")).toThrowError(/without spaces or quotes/)
    expect(() => labPaths('lab', 'relative/dir')).toThrowError(/absolute path/)
  })
})
