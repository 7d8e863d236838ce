// HTTP from the host with curl: request options go in a curl config on stdin, so URLs, headers
// and credentials never appear in the host's process list.

export interface HttpArgs {
  url: string
  headers?: Record<string, string>
  timeout?: number
  url_username?: string
  url_password?: string
  validate_certs?: boolean
  follow_redirects?: boolean
}

const confValue = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`

/** A curl config (curl -K -) for the request. */
export function curlConfig(a: HttpArgs, extra: Record<string, string | true> = {}): string {
  const lines = [`url = ${confValue(a.url)}`, 'silent', 'show-error']
  if (a.follow_redirects !== false) lines.push('location')
  if (a.timeout) lines.push(`max-time = ${Number(a.timeout)}`)
  if (a.validate_certs === false) lines.push('insecure')
  if (a.url_username !== undefined) lines.push(`user = ${confValue(`${a.url_username}:${a.url_password ?? ''}`)}`)
  for (const [k, v] of Object.entries(a.headers ?? {})) lines.push(`header = ${confValue(`${k}: ${v}`)}`)
  for (const [k, v] of Object.entries(extra)) lines.push(v === true ? k : `${k} = ${confValue(v)}`)
  return lines.join('\n') + '\n'
}

export const httpProps = {
  url: { type: 'string', pattern: '^(https?|ftp|file)://' },
  headers: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
  timeout: { type: 'integer', minimum: 1 },
  url_username: { type: 'string', aliases: ['username'] },
  url_password: { type: 'string', aliases: ['password'] },
  validate_certs: { type: 'boolean', default: true },
  force_basic_auth: { type: 'boolean' },
  use_proxy: { type: 'boolean' },
  http_agent: { type: 'string' },
} as const
