// Keystone v3: issue a token (password or application credential) and pick a service's endpoint from the
// token's catalog by type, interface and region. The token and the secrets go into the process's secret
// registry the moment they are known, so no printer can show them.
import { readFileSync } from 'node:fs'
import { ConfigError } from '../../errors.js'
import { processSecrets } from '../../vault/redact.js'
import type { CloudSettings } from './clouds-yaml.js'
import { apiMessage, httpJson, type HttpSettings } from './http.js'

export interface CatalogEndpoint {
  url: string
  interface: string
  region?: string | null
  region_id?: string | null
}

export interface CatalogService {
  type: string
  name?: string
  endpoints: CatalogEndpoint[]
}

export interface Session {
  token: string
  catalog: CatalogService[]
  http: HttpSettings
  cloud: CloudSettings
}

export function httpSettings(cloud: CloudSettings, timeoutMs: number): HttpSettings {
  let ca: string | undefined
  if (cloud.cacert) {
    try {
      ca = readFileSync(cloud.cacert, 'utf8')
    } catch (e) {
      throw new ConfigError(`${cloud.origin}: cannot read the CA file ${cloud.cacert}: ${(e as Error).message}`)
    }
  }
  return { verify: cloud.verify, ca, timeoutMs, origin: cloud.origin }
}

/** `http://keystone:5000`, `…/identity` and `…/v3` all mean the v3 API at `…/v3`. */
export function identityV3(authUrl: string, origin: string): string {
  const url = authUrl.replace(/\/+$/, '')
  if (/\/v2\.0$/.test(url)) throw new ConfigError(`${origin}: auth_url ${url} is Keystone v2.0`, undefined, 'tsplay speaks Keystone v3: use the …/v3 URL')
  return /\/v3$/.test(url) ? url : `${url}/v3`
}

export function authRequest(c: CloudSettings): unknown {
  if (c.authType === 'v3applicationcredential') {
    const credential = c.applicationCredentialId
      ? { id: c.applicationCredentialId, secret: c.applicationCredentialSecret }
      : { name: c.applicationCredentialName, secret: c.applicationCredentialSecret, user: userRef(c) }
    return { auth: { identity: { methods: ['application_credential'], application_credential: credential } } }
  }
  const auth: Record<string, unknown> = {
    identity: { methods: ['password'], password: { user: { ...userRef(c), password: c.password } } },
  }
  if (c.projectId) auth.scope = { project: { id: c.projectId } }
  else if (c.projectName) {
    const domain = c.projectDomainId ? { id: c.projectDomainId } : c.projectDomainName ? { name: c.projectDomainName } : undefined
    if (!domain) throw new ConfigError(`${c.origin}: project '${c.projectName}' needs its domain`, undefined, 'set OS_PROJECT_DOMAIN_NAME (often Default) or project_domain_name')
    auth.scope = { project: { name: c.projectName, domain } }
  }
  return { auth }
}

function userRef(c: CloudSettings): Record<string, unknown> {
  if (c.userId) return { id: c.userId }
  const domain = c.userDomainId ? { id: c.userDomainId } : c.userDomainName ? { name: c.userDomainName } : undefined
  if (!domain) throw new ConfigError(`${c.origin}: user '${c.username}' needs its domain`, undefined, 'set OS_USER_DOMAIN_NAME (often Default) or user_domain_name')
  return { name: c.username, domain }
}

export async function authenticate(cloud: CloudSettings, timeoutMs: number): Promise<Session> {
  for (const secret of [cloud.password, cloud.applicationCredentialSecret]) if (secret) processSecrets.add(secret)
  const http = httpSettings(cloud, timeoutMs)
  const url = `${identityV3(cloud.authUrl, cloud.origin)}/auth/tokens`
  const res = await httpJson('POST', url, http, {}, authRequest(cloud))
  if (res.status === 401) {
    const who = cloud.authType === 'password' ? `user '${cloud.username ?? cloud.userId}'` : 'the application credential'
    throw new ConfigError(
      `${cloud.origin}: Keystone at ${new URL(url).origin} refused ${who} (401: ${apiMessage(res)})`,
      undefined,
      cloud.authType === 'password' ? 'check the password (OS_PASSWORD or auth.password) and that it has not expired' : 'check the application credential secret and that it has not expired',
    )
  }
  if (res.status !== 201 && res.status !== 200) {
    throw new ConfigError(`${cloud.origin}: Keystone token request to ${url} answered ${res.status}: ${apiMessage(res)}`)
  }
  const header = res.headers['x-subject-token']
  const token = Array.isArray(header) ? header[0] : header
  if (!token) throw new ConfigError(`${cloud.origin}: Keystone answered ${res.status} without an X-Subject-Token header`)
  processSecrets.add(token)
  const catalog = (res.json as { token?: { catalog?: unknown } } | undefined)?.token?.catalog
  if (!Array.isArray(catalog)) {
    throw new ConfigError(`${cloud.origin}: the token has no service catalog`, undefined, 'the credentials must be scoped to a project (set OS_PROJECT_NAME)')
  }
  return { token, catalog: catalog as CatalogService[], http, cloud }
}

/** The URL of the service of `type` for the session's interface and region, without a trailing slash. */
export function endpointFor(session: Session, type: string): string {
  const { cloud } = session
  const services = session.catalog.filter((s) => s.type === type)
  if (!services.length) {
    throw new ConfigError(`${cloud.origin}: the catalog has no '${type}' service`, undefined, `services: ${[...new Set(session.catalog.map((s) => s.type))].join(', ')}`)
  }
  const endpoints = services.flatMap((s) => s.endpoints ?? []).filter((e) => e.interface === cloud.interface)
  const regions = [...new Set(endpoints.map((e) => e.region_id ?? e.region ?? ''))]
  const chosen = cloud.region ? endpoints.filter((e) => e.region_id === cloud.region || e.region === cloud.region) : endpoints
  if (!chosen.length) {
    const where = cloud.region ? ` in region '${cloud.region}'` : ''
    throw new ConfigError(`${cloud.origin}: no ${cloud.interface} '${type}' endpoint${where}`, undefined, regions.length ? `regions with one: ${regions.join(', ')}` : 'try interface: internal or admin')
  }
  if (!cloud.region && regions.length > 1) {
    throw new ConfigError(`${cloud.origin}: '${type}' has endpoints in several regions (${regions.join(', ')})`, undefined, 'set region: in the plugin file, region_name in clouds.yaml or OS_REGION_NAME')
  }
  return chosen[0].url.replace(/\/+$/, '')
}

export function authHeaders(session: Session): Record<string, string> {
  return { 'X-Auth-Token': session.token }
}
