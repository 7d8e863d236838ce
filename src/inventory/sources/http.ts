// A small JSON client over node:http/https for the OpenStack APIs: TLS verified unless told otherwise, an
// optional CA bundle (OS_CACERT), a timeout, no redirects followed behind the caller's back (a Location
// could point anywhere; the caller rebases it onto the catalog's endpoint), and errors that never carry
// request headers or bodies (they hold the token and the password).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { ConfigError } from '../../errors.js'
import { processSecrets } from '../../vault/redact.js'

export interface HttpSettings {
  verify: boolean
  ca?: string // PEM bundle replacing the system CAs
  timeoutMs: number
  /** Names the source in errors: `openstack (clouds.yaml cloud 'devstack')`. */
  origin: string
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
  json?: unknown
}

export function httpJson(method: 'GET' | 'POST', url: string, settings: HttpSettings, headers: Record<string, string> = {}, body?: unknown): Promise<HttpResponse> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return Promise.reject(new ConfigError(`${settings.origin}: bad URL '${url}'`))
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new ConfigError(`${settings.origin}: URL '${url}' is not http(s)`))
  }
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
  const where = `${method} ${parsed.origin}${parsed.pathname}`
  return new Promise((resolvePromise, reject) => {
    const req = (parsed.protocol === 'https:' ? httpsRequest : httpRequest)(
      parsed,
      {
        method,
        headers: {
          Accept: 'application/json',
          'User-Agent': 'tsplay',
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : {}),
          ...headers,
        },
        ...(parsed.protocol === 'https:' ? { rejectUnauthorized: settings.verify, ...(settings.ca ? { ca: settings.ca } : {}) } : {}),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', (e) => reject(transportError(e, where, settings)))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = text ? JSON.parse(text) : undefined
          } catch {
            json = undefined
          }
          resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
      },
    )
    req.setTimeout(settings.timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${settings.timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })))
    req.on('error', (e) => reject(transportError(e, where, settings)))
    req.end(payload)
  })
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|HOSTNAME/

function transportError(e: Error & { code?: string }, where: string, settings: HttpSettings): ConfigError {
  const code = e.code ?? ''
  if (TLS_CODES.test(code)) {
    return new ConfigError(
      `${settings.origin}: TLS verification failed for ${where}: ${e.message}`,
      undefined,
      'give the CA with cacert: in clouds.yaml or OS_CACERT, or (never in production) verify: false',
    )
  }
  return new ConfigError(`${settings.origin}: ${where} failed: ${e.message}`)
}

/**
 * The message an OpenStack service puts in an error body (Keystone `error.message`, Nova `{kind: {message}}`),
 * masked: a server may echo what it was sent.
 */
export function apiMessage(res: HttpResponse): string {
  return processSecrets.redact(rawMessage(res))
}

function rawMessage(res: HttpResponse): string {
  const j = res.json
  if (j && typeof j === 'object') {
    for (const v of Object.values(j as Record<string, unknown>)) {
      if (v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string') return (v as { message: string }).message
    }
    if (typeof (j as { message?: unknown }).message === 'string') return (j as { message: string }).message
  }
  return res.text.replace(/\s+/g, ' ').trim().slice(0, 200)
}
