// Dynamic sources through `tsplay inventory`: a mixed inventory directory (openstack source + static INI +
// group_vars), a Heat stack, and a wrong password (exit 1, the password nowhere in the output).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../../src/cli/main.js'
import { FakeCloud } from './fake-cloud.js'
import { SERVERS } from './servers.js'

const PASSWORD = 'pa55-w0rd-for-the-cli'
let cloud: FakeCloud
const dir = mkdtempSync(join(tmpdir(), 'tsplay-cli-sources-'))
const OPENRC = ['OS_AUTH_URL', 'OS_USERNAME', 'OS_PASSWORD', 'OS_PROJECT_NAME', 'OS_USER_DOMAIN_NAME', 'OS_PROJECT_DOMAIN_NAME', 'OS_REGION_NAME', 'OS_CLOUD']
const saved = Object.fromEntries(OPENRC.map((k) => [k, process.env[k]]))

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true))
  try {
    return { code: await main(args), out, err }
  } finally {
    vi.restoreAllMocks()
  }
}

beforeAll(async () => {
  cloud = await new FakeCloud({
    password: PASSWORD,
    servers: SERVERS,
    pageSize: 3,
    stackOutputs: [
      { output_key: 'master_ips', output_value: ['10.0.0.11'], description: 'masters', output_error: null },
      { output_key: 'nodes', output_value: { 'node-a': '10.0.0.21', 'node-b': { ansible_host: '10.0.0.22', ip: '10.0.0.22' } }, description: 'nodes' },
      { output_key: 'api_vip', output_value: '10.0.0.100', description: 'the API address' },
    ],
  }).start()
  // the openrc variables, as a user who sourced admin-openrc.sh has them (plain HTTP here: TLS is covered elsewhere)
  Object.assign(process.env, {
    OS_AUTH_URL: cloud.authUrl,
    OS_USERNAME: 'admin',
    OS_PASSWORD: PASSWORD,
    OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_REGION_NAME: 'RegionOne',
  })
  delete process.env.OS_CLOUD
})
afterEach(() => vi.restoreAllMocks())
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  await cloud.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('tsplay inventory with dynamic sources', () => {
  it('a mixed directory (openstack source + static hosts + group_vars) lists as one inventory', async () => {
    const inv = join(dir, 'mixed')
    mkdirSync(join(inv, 'group_vars'), { recursive: true })
    writeFileSync(join(inv, 'openstack.yml'), 'plugin: openstack\naz_groups: false\nflavor_groups: false\n')
    // Ansible ignores *.ini inside an inventory directory, so the static file is `hosts`, as kubespray names it
    // (files load in name order: the groups the cloud makes are declared here so this file stands alone)
    writeFileSync(join(inv, 'hosts'), '[bastion]\nbastion-1 ansible_host=10.0.0.5\n\n[kube-master]\n[kube-node]\n\n[k8s-cluster:children]\nkube-master\nkube-node\n')
    writeFileSync(join(inv, 'group_vars/all.yml'), 'kube_version: v1.29.3\n')
    writeFileSync(join(inv, 'group_vars/kube-master.yml'), 'kube_apiserver_port: 6443\n')
    const r = await run(['inventory', '-i', inv, '--list'])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const list = JSON.parse(r.out)
    expect(list.all.children).toEqual(['ungrouped', 'bastion', 'k8s-cluster', 'etcd'])
    expect(list['k8s-cluster']).toEqual({ children: ['kube-master', 'kube-node'] })
    expect(list['kube-node']).toEqual({ hosts: ['k8s-node-1', 'k8s-node-3'] })
    expect(list.ungrouped).toEqual({ hosts: ['new-server-test'] })
    expect(list.bastion).toEqual({ hosts: ['bastion-1'] })
    expect(list._meta.hostvars['k8s-master-1']).toMatchObject({ ansible_host: '172.24.4.11', ip: '10.0.0.11', kube_version: 'v1.29.3', kube_apiserver_port: 6443 })
    expect(list._meta.hostvars['bastion-1']).toEqual({ ansible_host: '10.0.0.5', kube_version: 'v1.29.3' })
    expect(r.out).not.toContain(cloud.tokens.at(-1))
    expect(r.out).not.toContain(PASSWORD)
  })

  it('a kubespray-style hosts.ini beside the source: Ansible skips it inside the directory, -i adds it', async () => {
    const inv = join(dir, 'kubespray')
    mkdirSync(join(inv, 'group_vars'), { recursive: true })
    writeFileSync(join(inv, 'openstack.yml'), 'plugin: openstack\nmetadata_groups_key: kubespray_groups\naz_groups: false\nflavor_groups: false\n')
    writeFileSync(join(inv, 'hosts.ini'), '[bastion]\nbastion-1 ansible_host=10.0.0.5\n')
    writeFileSync(join(inv, 'group_vars/all.yml'), 'kube_version: v1.29.3\n')
    const dirOnly = await run(['inventory', '-i', inv, '--list'])
    expect(dirOnly.err).toBe(`[WARNING]: ${join(inv, 'hosts.ini')}: ignored, as Ansible ignores .ini files inside an inventory directory (pass it with -i FILE)\n`)
    expect(JSON.parse(dirOnly.out).bastion).toBeUndefined()
    const both = await run(['inventory', '-i', inv, '-i', join(inv, 'hosts.ini'), '--list'])
    expect(both.code).toBe(0)
    const list = JSON.parse(both.out)
    expect(list.kube_control_plane).toEqual({ hosts: ['k8s-master-1'] })
    expect(list.bastion).toEqual({ hosts: ['bastion-1'] })
    expect(list._meta.hostvars['bastion-1']).toEqual({ ansible_host: '10.0.0.5', kube_version: 'v1.29.3' })
    expect(list._meta.hostvars['k8s-node-1']).toMatchObject({ ansible_host: '10.0.0.21', kube_version: 'v1.29.3' })
  })

  it('a Heat stack: outputs mapped to groups, hosts and vars', async () => {
    const file = join(dir, 'heat.yml')
    writeFileSync(file, 'plugin: heat\nstack: simple_stack\ngroups:\n  kube-master: master_ips\n  kube-node: nodes\nvars:\n  kube_apiserver_ip: api_vip\n')
    cloud.log.length = 0
    const r = await run(['inventory', '-i', file, '--list'])
    expect(r.code).toBe(0)
    const list = JSON.parse(r.out)
    expect(list['kube-master']).toEqual({ hosts: ['10.0.0.11'] })
    expect(list['kube-node']).toEqual({ hosts: ['node-a', 'node-b'] })
    expect(list._meta.hostvars['node-b']).toEqual({ ansible_host: '10.0.0.22', ip: '10.0.0.22', kube_apiserver_ip: '10.0.0.100' })
    expect(list._meta.hostvars['10.0.0.11']).toEqual({ ansible_host: '10.0.0.11', kube_apiserver_ip: '10.0.0.100' })
    // by name (302), then by name/id on the catalog's orchestration endpoint, not the Location's host
    expect(cloud.log.filter((x) => x.method === 'GET').map((x) => x.path)).toEqual([
      '/public/8004/v1/a6944d763bf64ee6a275f1263fae0352/stacks/simple_stack',
      '/public/8004/v1/a6944d763bf64ee6a275f1263fae0352/stacks/simple_stack/3095aefc-09fb-4bc7-b1f0-f21a304e864c',
    ])
    writeFileSync(file, 'plugin: heat\nstack: simple_stack\ngroups:\n  kube-master: master_ip\n')
    const bad = await run(['inventory', '-i', file, '--list'])
    expect(bad.code).toBe(1)
    expect(bad.err).toBe(`tsplay: ${file}:4: stack 'simple_stack' has no output 'master_ip' (outputs: master_ips, nodes, api_vip)\n`)
  })

  it('a wrong password: a clear error, exit 1, and the password in no output', async () => {
    const wrong = 'not-the-pa55word'
    process.env.OS_PASSWORD = wrong
    try {
      const file = join(dir, 'cloud.yml')
      writeFileSync(file, 'plugin: openstack\n')
      const r = await run(['inventory', '-i', file, '--list'])
      expect(r.code).toBe(1)
      expect(r.out).toBe('')
      expect(r.err).toMatch(/^tsplay: the OS_\* environment \(openrc\): Keystone at http:\/\/127\.0\.0\.1:\d+ refused user 'admin' \(401: The request you have made requires authentication\.\) \(check the password \(OS_PASSWORD or auth\.password\) and that it has not expired\)\n$/)
      expect(r.err + r.out).not.toContain(wrong)
    } finally {
      process.env.OS_PASSWORD = PASSWORD
    }
  })
})
