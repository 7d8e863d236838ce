// terraform (a v4 state file) and vagrant (`vagrant ssh-config` output) sources, loaded through -i FILE.
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../../../../src/errors.js'
import { loadInventory } from '../../../../src/inventory/load.js'
import { FIXTURES } from './fake-cloud.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-file-sources-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, text: string): string => {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

describe('terraform source', () => {
  it('maps openstack instances of a v4 state to hosts, floating IPs and kubespray groups', async () => {
    const file = write('tf.yml', `plugin: terraform\nstate: ${join(FIXTURES, 'terraform')}\nmetadata_groups_key: kubespray_groups\naz_groups: false\n`)
    const inv = await loadInventory([file])
    expect(inv.groups()).toMatchObject({
      etcd: ['mycluster-k8s-master-1'],
      kube_control_plane: ['mycluster-k8s-master-1'],
      k8s_cluster: ['mycluster-k8s-master-1', 'mycluster-k8s-node-1', 'mycluster-k8s-node-nf-1'],
      kube_node: ['mycluster-k8s-node-1', 'mycluster-k8s-node-nf-1'],
      no_floating: ['mycluster-k8s-node-nf-1'],
      flavor_m1_medium: ['mycluster-k8s-master-1'],
      flavor_m1_small: ['mycluster-k8s-node-1', 'mycluster-k8s-node-nf-1'],
    })
    // floating by port (networking associate), by instance id (compute associate), none
    expect(inv.hostVars('mycluster-k8s-master-1')).toMatchObject({ ansible_host: '172.24.4.101', ip: '10.0.10.11', ansible_user: 'ubuntu', openstack_floating_ip: '172.24.4.101' })
    expect(inv.hostVars('mycluster-k8s-node-1')).toMatchObject({ ansible_host: '172.24.4.121', ip: '10.0.10.21', openstack_availability_zone: 'az2' })
    expect(inv.hostVars('mycluster-k8s-node-nf-1')).toMatchObject({
      ansible_host: '10.0.10.31',
      ip: '10.0.10.31',
      openstack_floating_ip: null,
      openstack_image: 'ubuntu-22.04',
      terraform_resource: 'module.compute.openstack_compute_instance_v2.k8s_nodes_no_floating_ip[0]',
    })
  })

  it('rejects other state versions and missing files, naming the file', async () => {
    const old = write('old.tfstate', JSON.stringify({ version: 3, modules: [] }))
    const err = await loadInventory([write('tf-old.yml', 'plugin: terraform\nstate: old.tfstate\n')]).catch((e) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.describe()).toBe(`${old}: terraform state format version 3 is not supported (tsplay reads version 4 (terraform ≥ 0.12); run terraform apply or terraform state pull with a current terraform)`)
    const file = write('tf-missing.yml', 'plugin: terraform\nstate: nowhere/terraform.tfstate\n')
    const missing = await loadInventory([file]).catch((e) => e)
    expect(missing.describe()).toMatch(new RegExp(`^${file}:2: cannot read the terraform state .*nowhere/terraform.tfstate: ENOENT`))
  })
})

describe('vagrant source', () => {
  const saved = join(FIXTURES, 'vagrant/ssh-config.txt')

  it('a saved `vagrant ssh-config` for 3 machines is 3 hosts with their ports and keys', async () => {
    const file = write('vagrant.yml', `plugin: vagrant\nssh_config_file: ${saved}\ngroups:\n  kube-master: [node1]\n  etcd: 'node*'\n  kube-node: [node2, node3]\n`)
    const inv = await loadInventory([file])
    expect(inv.groups()).toMatchObject({ 'kube-master': ['node1'], etcd: ['node1', 'node2', 'node3'], 'kube-node': ['node2', 'node3'] })
    const common = { ansible_host: '127.0.0.1', ansible_user: 'vagrant', ansible_ssh_common_args: '-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null' }
    expect(inv.hostVars('node1')).toEqual({ ...common, ansible_port: 2222, ansible_ssh_private_key_file: '/home/alice/tsplay/.vagrant/machines/node1/virtualbox/private_key' })
    expect(inv.hostVars('node2')).toEqual({ ...common, ansible_port: 2200, ansible_ssh_private_key_file: '/home/alice/tsplay/.vagrant/machines/node2/virtualbox/private_key' })
    expect(inv.hostVars('node3')).toEqual({ ...common, ansible_port: 2201, ansible_ssh_private_key_file: '/home/alice/my vms/.vagrant/machines/node3/virtualbox/private_key' })
  })

  it('runs `vagrant ssh-config` in the directory, with host_vars per machine', async () => {
    const project = mkdtempSync(join(dir, 'project-'))
    copyFileSync(saved, join(project, 'saved.txt'))
    // stands in for the vagrant binary: records its argv and cwd, prints what vagrant printed
    const fake = write('fake-vagrant', '#!/bin/sh\necho "$*" > called; pwd >> called\ncat saved.txt\n')
    chmodSync(fake, 0o755)
    const file = write('vagrant-run.yml', `plugin: vagrant\ndirectory: ${project}\nvagrant_binary: ${fake}\nhost_vars:\n  node2: {ip: 192.168.56.12}\n`)
    const inv = await loadInventory([file])
    expect(inv.hostVars('node2')).toMatchObject({ ansible_port: 2200, ip: '192.168.56.12' })
    expect(readFileSync(join(project, 'called'), 'utf8')).toBe(`ssh-config\n${project}\n`)
  })

  it('explains a missing vagrant and a host_vars typo', async () => {
    const file = write('vagrant-none.yml', `plugin: vagrant\ndirectory: ${dir}\nvagrant_binary: /nonexistent/vagrant\n`)
    const err = await loadInventory([file]).catch((e) => e)
    expect(err.describe()).toMatch(/vagrant-none\.yml:2: cannot run '\/nonexistent\/vagrant' in .*: not found .*\(or save `vagrant ssh-config > ssh-config.txt` and set ssh_config_file: ssh-config.txt\)/)
    const typo = write('vagrant-typo.yml', `plugin: vagrant\nssh_config_file: ${saved}\nhost_vars:\n  nod1: {ip: 1}\n`)
    const e2 = await loadInventory([typo]).catch((e) => e)
    expect(e2.describe()).toBe(`${typo}:4: host_vars names 'nod1', which is not a machine (machines: node1, node2, node3)`)
  })

  it('the shipped inventory/vagrant reads the Vagrantfile machines into the cluster groups', async () => {
    // `vagrant` on PATH stands in for the real one: checks it runs in vagrant/, prints the captured output
    const bin = mkdtempSync(join(dir, 'bin-'))
    const fake = join(bin, 'vagrant')
    writeFileSync(fake, `#!/bin/sh\n[ "$1" = ssh-config ] && [ -f Vagrantfile ] && exec cat ${saved}\nexit 3\n`)
    chmodSync(fake, 0o755)
    const path = process.env.PATH
    process.env.PATH = `${bin}:${path}`
    try {
      const inv = await loadInventory([join(import.meta.dirname, '../../../../inventory/vagrant')])
      expect(inv.groups()).toMatchObject({ etcd: ['node1', 'node2', 'node3'], 'kube-master': ['node1'], 'kube-node': ['node2', 'node3'] })
      expect(inv.hostVars('node3')).toMatchObject({ ansible_host: '127.0.0.1', ansible_port: 2201, ansible_user: 'vagrant', ip: '192.168.56.13', ansible_become: true })
    } finally {
      process.env.PATH = path
    }
  })
})
