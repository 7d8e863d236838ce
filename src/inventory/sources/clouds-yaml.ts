// Which cloud and which credentials: a named cloud from clouds.yaml (the `cloud:` option or OS_CLOUD),
// else the openrc variables (OS_AUTH_URL, OS_USERNAME, …), as openstacksdk reads them. clouds.yaml is the
// first that exists of: the `clouds_yaml` option, OS_CLIENT_CONFIG_FILE, ./clouds.yaml,
// ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml; a secure.yaml beside it adds secrets.
import { looseBoolean } from '../../util/boolean.js'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { loadYaml } from '../../util/yaml.js'
import { ConfigError } from '../../errors.js'
import { suggestion } from '../../util/did-you-mean.js'
import type { SourceConfig } from './config.js'

export interface CloudSettings {
  origin: string // for messages: "clouds.yaml cloud 'devstack' (PATH)" or "the OS_* environment"
  authUrl: string
  authType: 'password' | 'v3applicationcredential'
  username?: string
  userId?: string
  password?: string
  userDomainName?: string
  userDomainId?: string
  projectName?: string
  projectId?: string
  projectDomainName?: string
  projectDomainId?: string
  applicationCredentialId?: string
  applicationCredentialName?: string
  applicationCredentialSecret?: string
  region?: string
  interface: string
  verify: boolean
  cacert?: string // path
}

/** Options the openstack and heat plugin files accept for choosing the cloud. */
export const CLOUD_OPTIONS = ['cloud', 'clouds_yaml', 'region', 'interface', 'verify', 'cacert', 'timeout'] as const

type Env = Record<string, string | undefined>
type BaseSettings = Omit<CloudSettings, 'interface'> & { interface?: string }
type Auth = Record<string, unknown>

export function cloudSearchPath(cfg: SourceConfig, env: Env): string[] {
  return [
    cfg.path('clouds_yaml'),
    env.OS_CLIENT_CONFIG_FILE,
    resolve('clouds.yaml'),
    join(env.HOME ?? homedir(), '.config/openstack/clouds.yaml'),
    '/etc/openstack/clouds.yaml',
  ].filter((p): p is string => Boolean(p))
}

export function resolveCloud(cfg: SourceConfig, env: Env = process.env): CloudSettings {
  const cloudName = cfg.string('cloud') ?? env.OS_CLOUD
  const base = cloudName ? fromCloudsYaml(cfg, cloudName, cfg.has('cloud') ? '' : ' (from OS_CLOUD)', env) : fromEnv(cfg, env)
  const cacert = cfg.path('cacert') ?? base.cacert ?? (env.OS_CACERT || undefined)
  const settings: CloudSettings = {
    ...base,
    region: cfg.string('region') ?? base.region ?? (env.OS_REGION_NAME || undefined),
    interface: normalizeInterface(cfg.string('interface') ?? base.interface ?? env.OS_INTERFACE ?? env.OS_ENDPOINT_TYPE ?? 'public'),
    verify: cfg.has('verify') ? cfg.bool('verify', true) : base.verify,
    cacert,
  }
  if (!settings.authUrl) throw cfg.error('cloud', `${settings.origin}: no auth_url`, 'set auth.auth_url in clouds.yaml or OS_AUTH_URL')
  if (settings.authType === 'password') {
    if (!settings.username && !settings.userId) throw new ConfigError(`${settings.origin}: no username`, undefined, 'set OS_USERNAME or auth.username')
    if (!settings.password) throw new ConfigError(`${settings.origin}: no password`, undefined, 'set OS_PASSWORD or auth.password (clouds.yaml or secure.yaml)')
  } else if (!settings.applicationCredentialSecret || !(settings.applicationCredentialId || settings.applicationCredentialName)) {
    throw new ConfigError(
      `${settings.origin}: v3applicationcredential needs an application credential id (or name) and secret`,
      undefined,
      'set OS_APPLICATION_CREDENTIAL_ID and OS_APPLICATION_CREDENTIAL_SECRET',
    )
  }
  return settings
}

function fromCloudsYaml(cfg: SourceConfig, name: string, from: string, env: Env): BaseSettings {
  const searched = cloudSearchPath(cfg, env)
  const file = searched.find((p) => existsSync(p))
  if (!file) {
    throw cfg.error('cloud', `cloud '${name}'${from} was asked for but no clouds.yaml exists`, `looked in: ${searched.join(', ')}`)
  }
  const clouds = readClouds(file)
  let cloud = clouds[name]
  if (!cloud) {
    const known = Object.keys(clouds)
    throw cfg.error('cloud', `cloud '${name}'${from} is not in ${file}`, suggestion(name, known) ?? (known.length ? `clouds there: ${known.join(', ')}` : 'it defines no clouds'))
  }
  const secure = ['secure.yaml', 'secure.yml'].map((n) => join(dirname(file), n)).find((p) => existsSync(p))
  if (secure) cloud = merge(cloud, readClouds(secure)[name] ?? {})
  const auth = (typeof cloud.auth === 'object' && cloud.auth !== null ? cloud.auth : {}) as Auth
  const s = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v))
  const domain = s(auth.domain_name)
  const domainId = s(auth.domain_id)
  return {
    origin: `clouds.yaml cloud '${name}' (${file})`,
    authUrl: s(auth.auth_url) ?? '',
    authType: authType(s(cloud.auth_type), `clouds.yaml cloud '${name}'`),
    username: s(auth.username),
    userId: s(auth.user_id),
    password: s(auth.password),
    userDomainName: s(auth.user_domain_name) ?? domain,
    userDomainId: s(auth.user_domain_id) ?? domainId,
    projectName: s(auth.project_name) ?? s(auth.tenant_name),
    projectId: s(auth.project_id) ?? s(auth.tenant_id),
    projectDomainName: s(auth.project_domain_name) ?? domain,
    projectDomainId: s(auth.project_domain_id) ?? domainId,
    applicationCredentialId: s(auth.application_credential_id),
    applicationCredentialName: s(auth.application_credential_name),
    applicationCredentialSecret: s(auth.application_credential_secret),
    region: s(cloud.region_name),
    interface: s(cloud.interface) ?? s(cloud.endpoint_type),
    verify: cloud.verify === undefined ? true : cloud.verify !== false && cloud.verify !== 'false',
    cacert: s(cloud.cacert),
  }
}

function fromEnv(cfg: SourceConfig, env: Env): BaseSettings {
  if (!env.OS_AUTH_URL) {
    throw cfg.error(
      undefined,
      'no OpenStack cloud to read: OS_CLOUD and OS_AUTH_URL are both unset',
      `set OS_CLOUD to a cloud in clouds.yaml, source an openrc file, or add cloud: NAME to ${cfg.file}`,
    )
  }
  const e = (k: string): string | undefined => env[k] || undefined
  return {
    origin: 'the OS_* environment (openrc)',
    authUrl: env.OS_AUTH_URL,
    authType: authType(e('OS_AUTH_TYPE'), 'OS_AUTH_TYPE'),
    username: e('OS_USERNAME'),
    userId: e('OS_USER_ID'),
    password: e('OS_PASSWORD'),
    userDomainName: e('OS_USER_DOMAIN_NAME') ?? e('OS_DOMAIN_NAME'),
    userDomainId: e('OS_USER_DOMAIN_ID') ?? e('OS_DOMAIN_ID'),
    projectName: e('OS_PROJECT_NAME') ?? e('OS_TENANT_NAME'),
    projectId: e('OS_PROJECT_ID') ?? e('OS_TENANT_ID'),
    projectDomainName: e('OS_PROJECT_DOMAIN_NAME') ?? e('OS_DOMAIN_NAME'),
    projectDomainId: e('OS_PROJECT_DOMAIN_ID') ?? e('OS_DOMAIN_ID'),
    applicationCredentialId: e('OS_APPLICATION_CREDENTIAL_ID'),
    applicationCredentialName: e('OS_APPLICATION_CREDENTIAL_NAME'),
    applicationCredentialSecret: e('OS_APPLICATION_CREDENTIAL_SECRET'),
    verify: !looseBoolean(env.OS_INSECURE ?? ''),
  }
}

function authType(value: string | undefined, where: string): CloudSettings['authType'] {
  const v = (value ?? 'password').toLowerCase()
  if (v === 'password' || v === 'v3password') return 'password'
  if (v === 'v3applicationcredential' || v === 'application_credential') return 'v3applicationcredential'
  throw new ConfigError(`${where}: auth type '${value}' is not supported`, undefined, 'use password or v3applicationcredential')
}

/** `publicURL` (the v2 spelling) and `public` are the same interface. */
function normalizeInterface(value: string): string {
  return value.replace(/URL$/, '').toLowerCase()
}

function readClouds(file: string): Record<string, Record<string, unknown>> {
  const doc = loadYaml(readFileSync(file, 'utf8'), file)
  const clouds = (doc as { clouds?: unknown } | null)?.clouds
  if (!clouds || typeof clouds !== 'object' || Array.isArray(clouds)) {
    throw new ConfigError('expected a top-level clouds: mapping', { file, line: 1 })
  }
  return clouds as Record<string, Record<string, unknown>>
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a }
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k]
    out[k] = prev && v && typeof prev === 'object' && typeof v === 'object' && !Array.isArray(v) ? merge(prev as Record<string, unknown>, v as Record<string, unknown>) : v
  }
  return out
}
