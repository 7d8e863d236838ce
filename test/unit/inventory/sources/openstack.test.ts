// The openstack source against a fake Keystone + Nova on 127.0.0.1 serving the published response bodies.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../../../../src/errors.js'
import { openstackSource } from '../../../../src/inventory/sources/openstack.js'
import { processSecrets } from '../../../../src/vault/redact.js'
import { FakeCloud, novaSample } from './fake-cloud.js'
import { SERVERS } from './servers.js'

const PASSWORD = 'correct horse battery staple'
let cloud: FakeCloud
const dir = mkdtempSync(join(tmpdir(), 'tsplay-openstack-'))
const openrc = (extra: Record<string, string> = {}) => ({
  OS_AUTH_URL: cloud.authUrl + '/v3',
  OS_USERNAME: 'admin',
  OS_PASSWORD: PASSWORD,
  OS_PROJECT_NAME: 'admin',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_DOMAIN_NAME: 'Default',
  OS_REGION_NAME: 'RegionOne',
  OS_INTERFACE: 'public',
  OS_CACERT: cloud.caFile!,
  HOME: dir,
  ...extra,
})
const plugin = (name: string, text: string): string => {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

beforeAll(async () => {
  cloud = await new FakeCloud({ tls: true, password: PASSWORD, appCredential: { id: 'appcred-1', secret: 'app-secret-1' }, servers: SERVERS, pageSize: 2 }).start()
})
afterAll(async () => {
  await cloud.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('openstack source', () => {
  it('openrc over verified TLS: ACTIVE servers across pages, grouped by metadata, zone and flavor', async () => {
    cloud.log.length = 0
    const file = plugin('openstack.yml', 'plugin: openstack\n')
    const result = await openstackSource(file, { plugin: 'openstack' }, openrc())
    expect(Object.keys(result.hosts)).toEqual(['k8s-master-1', 'k8s-node-1', 'k8s-node-3', 'new-server-test'])
    expect(result.hosts['k8s-master-1']).toMatchObject({ ansible_host: '172.24.4.11', ip: '10.0.0.11', ansible_user: 'debian', openstack_status: 'ACTIVE', openstack_flavor: '1' })
    // no floating address: the fixed one
    expect(result.hosts['k8s-node-1']).toMatchObject({ ansible_host: '10.0.0.21', ip: '10.0.0.21' })
    expect(result.hosts['new-server-test']).toEqual({
      ansible_host: '192.168.0.3',
      ip: '192.168.0.3',
      openstack_id: 'f5dc173b-6804-445a-a6d8-c705dad5b5eb',
      openstack_name: 'new-server-test',
      openstack_status: 'ACTIVE',
      openstack_flavor: '1',
      openstack_image: '70a599e0-31e7-49b7-b260-868f441e862b',
      openstack_metadata: { 'My Server Name': 'Apache1' },
      openstack_availability_zone: 'nova',
      openstack_addresses: novaSample().addresses,
      openstack_floating_ip: null,
      openstack_access_ip_v4: '1.2.3.4',
      openstack_key_name: null,
      openstack_region: 'RegionOne',
    })
    const members = Object.fromEntries(Object.entries(result.groups).map(([g, v]) => [g, v.hosts]))
    expect(members).toEqual({
      'kube-master': ['k8s-master-1'],
      etcd: ['k8s-master-1'],
      az_nova: ['k8s-master-1', 'k8s-node-1', 'new-server-test'],
      flavor_1: ['k8s-master-1', 'k8s-node-1', 'new-server-test'],
      'kube-node': ['k8s-node-1', 'k8s-node-3'],
      az_az2: ['k8s-node-3'],
      'flavor_m1_large': ['k8s-node-3'],
    })
    // one token request, then three pages, each on the public compute endpoint with the token
    const nova = cloud.log.filter((r) => r.method === 'GET')
    expect(cloud.log[0]).toMatchObject({ method: 'POST', path: '/identity/v3/auth/tokens' })
    expect(nova.map((r) => r.path)).toEqual([
      '/public/8774/v2.1/a6944d763bf64ee6a275f1263fae0352/servers/detail',
      '/public/8774/v2.1/a6944d763bf64ee6a275f1263fae0352/servers/detail?limit=2&marker=1b3e0c5a-0000-4000-8000-000000000002',
      '/public/8774/v2.1/a6944d763bf64ee6a275f1263fae0352/servers/detail?limit=2&marker=1b3e0c5a-0000-4000-8000-000000000004',
    ])
    expect(new Set(nova.map((r) => r.token))).toEqual(new Set([cloud.tokens.at(-1)]))
    expect(cloud.log[0].body).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: PASSWORD } } },
        scope: { project: { name: 'admin', domain: { name: 'Default' } } },
      },
    })
    // the token and the password are registered secrets: every printer masks them
    expect(processSecrets.has(cloud.tokens.at(-1)!)).toBe(true)
    expect(processSecrets.redact(`token ${cloud.tokens.at(-1)} pw ${PASSWORD}`)).toBe('token ******** pw ********')
  })

  it('statuses, a network, name patterns and kubespray_groups', async () => {
    const config = {
      plugin: 'openstack',
      statuses: ['ACTIVE', 'ERROR'],
      network: 'storage',
      metadata_groups_key: 'kubespray_groups',
      name_groups: { workers: 'k8s-node-*', masters: '~k8s-master' },
      az_groups: false,
      flavor_groups: false,
    }
    const result = await openstackSource(plugin('os2.yml', 'plugin: openstack\n'), config, openrc())
    expect(Object.keys(result.hosts)).toEqual(['k8s-master-1', 'k8s-node-1', 'k8s-node-2', 'k8s-node-3', 'new-server-test'])
    expect(result.hosts['k8s-node-3']).toMatchObject({ ansible_host: '10.1.0.23', ip: '10.1.0.23' })
    expect(result.hosts['k8s-node-1']).not.toHaveProperty('ansible_host') // not on network 'storage'
    expect(Object.fromEntries(Object.entries(result.groups).map(([g, v]) => [g, v.hosts]))).toEqual({
      kube_control_plane: ['k8s-master-1'],
      etcd: ['k8s-master-1'],
      masters: ['k8s-master-1'],
      kube_node: ['k8s-node-1'],
      workers: ['k8s-node-1', 'k8s-node-2', 'k8s-node-3'],
    })
  })

  it('clouds.yaml by OS_CLOUD with an application credential, interface and region honoured', async () => {
    cloud.log.length = 0
    const home = join(dir, 'home')
    const cfgDir = join(home, '.config/openstack')
    mkdirSync(cfgDir, { recursive: true })
    writeFileSync(
      join(cfgDir, 'clouds.yaml'),
      [
        'clouds:',
        '  devstack:',
        '    auth_type: v3applicationcredential',
        '    auth:',
        `      auth_url: ${cloud.authUrl}`,
        '      application_credential_id: appcred-1',
        '    region_name: RegionOne',
        '    interface: internal',
        `    cacert: ${cloud.caFile}`,
      ].join('\n'),
    )
    writeFileSync(join(cfgDir, 'secure.yaml'), 'clouds:\n  devstack:\n    auth:\n      application_credential_secret: app-secret-1\n')
    const result = await openstackSource(plugin('os3.yml', 'plugin: openstack\n'), { plugin: 'openstack' }, { HOME: home, OS_CLOUD: 'devstack' })
    expect(Object.keys(result.hosts)).toHaveLength(4)
    expect(cloud.log[0].body).toEqual({ auth: { identity: { methods: ['application_credential'], application_credential: { id: 'appcred-1', secret: 'app-secret-1' } } } })
    expect(cloud.log.filter((r) => r.method === 'GET').every((r) => r.path.startsWith('/internal/8774/'))).toBe(true)

    const typo = await openstackSource(plugin('os4.yml', 'plugin: openstack\n'), { plugin: 'openstack' }, { HOME: home, OS_CLOUD: 'devstak' }).catch((e) => e)
    expect(typo).toBeInstanceOf(ConfigError)
    expect(typo.describe()).toMatch(/os4\.yml:1: cloud 'devstak' \(from OS_CLOUD\) is not in .*\/\.config\/openstack\/clouds\.yaml \(did you mean 'devstack'\?\)$/)
  })

  it('verifies TLS: the self-signed server is refused without its CA, accepted with verify: false', async () => {
    const noCa = openrc({ OS_CACERT: '' })
    const refused = await openstackSource(plugin('os5.yml', 'plugin: openstack\n'), { plugin: 'openstack' }, noCa).catch((e) => e)
    expect(refused).toBeInstanceOf(ConfigError)
    expect(refused.describe()).toMatch(/TLS verification failed for POST https:\/\/127\.0\.0\.1:\d+\/identity\/v3\/auth\/tokens: self[- ]signed certificate.*\(give the CA with cacert:/)
    const file = plugin('os6.yml', 'plugin: openstack\nverify: false\n')
    const result = await openstackSource(file, { plugin: 'openstack', verify: false }, noCa)
    expect(Object.keys(result.hosts)).toHaveLength(4)
  })

  it('names what is wrong: no cloud, unknown option, missing region', async () => {
    const file = plugin('os7.yml', 'plugin: openstack\nregoin: RegionOne\n')
    const unknown = await openstackSource(file, { plugin: 'openstack', regoin: 'RegionOne' }, openrc()).catch((e) => e)
    expect(unknown.describe()).toBe(`${file}:2: unknown option 'regoin' for plugin 'openstack' (did you mean 'region'?)`)
    const none = await openstackSource(file, { plugin: 'openstack' }, { HOME: dir }).catch((e) => e)
    expect(none.describe()).toMatch(/OS_CLOUD and OS_AUTH_URL are both unset/)
    const region = await openstackSource(file, { plugin: 'openstack', region: 'RegionTwo' }, openrc()).catch((e) => e)
    expect(region.describe()).toMatch(/no public 'compute' endpoint in region 'RegionTwo' \(regions with one: RegionOne\)/)
  })

  it('a wrong password is a clear error that does not contain the password', async () => {
    const wrong = 'Tr0ub4dor&3-wrong'
    const err = await openstackSource(plugin('os8.yml', 'plugin: openstack\n'), { plugin: 'openstack' }, openrc({ OS_PASSWORD: wrong })).catch((e) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.describe()).toMatch(/OS_\* environment \(openrc\): Keystone at https:\/\/127\.0\.0\.1:\d+ refused user 'admin' \(401: The request you have made requires authentication\.\)/)
    expect(err.describe()).not.toContain(wrong)
  })
})
