// A fake OpenStack on 127.0.0.1 (HTTPS with a self-signed certificate made by openssl, or plain HTTP)
// serving the published response bodies in fixtures/: Keystone v3 POST /v3/auth/tokens (the token in
// X-Subject-Token, the sample's catalog), Nova GET /servers/detail (servers made from the Nova sample
// server, paginated with servers_links like Nova's max_limit) and Heat stack show (302 by name, then
// the stack). Every catalog URL is rewritten to this server as /INTERFACE/PORT/PATH, so a request shows
// which interface the client chose; no address from the fixtures is ever contacted.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttps } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const FIXTURES = join(import.meta.dirname, 'fixtures')
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'))

export interface LoggedRequest {
  method: string
  path: string
  token?: string
  body?: unknown
}

export interface FakeCloudOptions {
  tls?: boolean
  password?: string
  appCredential?: { id: string; secret: string }
  servers?: Record<string, unknown>[]
  pageSize?: number
  stackOutputs?: Record<string, unknown>[]
}

export class FakeCloud {
  readonly log: LoggedRequest[] = []
  readonly tokens: string[] = []
  caFile?: string
  url = ''
  private server?: Server
  private dir?: string

  constructor(readonly options: FakeCloudOptions) {}

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res)
    if (this.options.tls) {
      this.dir = mkdtempSync(join(tmpdir(), 'tsplay-fake-cloud-'))
      this.caFile = join(this.dir, 'cert.pem')
      const keyFile = join(this.dir, 'key.pem')
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', this.caFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
      this.server = createHttps({ key: readFileSync(keyFile), cert: readFileSync(this.caFile) }, handler)
    } else {
      this.server = createHttp(handler)
    }
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r))
    const { port } = this.server.address() as AddressInfo
    this.url = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${port}`
    return this
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server?.close(r))
    if (this.dir) rmSync(this.dir, { recursive: true, force: true })
  }

  /** The auth URL a user would put in OS_AUTH_URL (Keystone behind a path, as in devstack). */
  get authUrl(): string {
    return `${this.url}/identity`
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', this.url)
    const token = req.headers['x-auth-token'] as string | undefined
    this.log.push({ method: req.method ?? '', path: url.pathname + url.search, token, body: text ? JSON.parse(text) : undefined })
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'POST' && url.pathname === '/identity/v3/auth/tokens') return this.issueToken(text, send)
    if (!token || !this.tokens.includes(token)) return send(401, { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } })
    const m = /^\/(public|internal|admin)\/(\d+)(\/.*)$/.exec(url.pathname)
    if (m?.[2] === '8774' && m[3].endsWith('/servers/detail')) return this.servers(url, m, send)
    if (m?.[2] === '8004') return this.stack(m, send)
    send(404, { itemNotFound: { code: 404, message: `no route for ${url.pathname}` } })
  }

  private issueToken(text: string, send: (s: number, b: unknown, h?: Record<string, string>) => void): void {
    const identity = (JSON.parse(text) as { auth: { identity: Record<string, any> } }).auth.identity
    const ok =
      (identity.methods[0] === 'password' && identity.password.user.password === this.options.password) ||
      (identity.methods[0] === 'application_credential' &&
        identity.application_credential.id === this.options.appCredential?.id &&
        identity.application_credential.secret === this.options.appCredential?.secret)
    if (!ok) return send(401, { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } })
    const token = `gAAAAA${randomBytes(24).toString('hex')}`
    this.tokens.push(token)
    const body = fixture('keystone-auth-password-project-scoped-response.json') as { token: { catalog: { endpoints: { url: string; interface: string }[] }[] } }
    for (const service of body.token.catalog) {
      for (const e of service.endpoints) {
        const orig = new URL(e.url)
        e.url = `${this.url}/${e.interface}/${orig.port || '80'}${orig.pathname}`
      }
    }
    send(201, body, { 'X-Subject-Token': token })
  }

  private servers(url: URL, m: RegExpExecArray, send: (s: number, b: unknown) => void): void {
    const all = this.options.servers ?? []
    const limit = Math.min(Number(url.searchParams.get('limit') ?? Infinity), this.options.pageSize ?? Infinity)
    const marker = url.searchParams.get('marker')
    const start = marker ? all.findIndex((s) => s.id === marker) + 1 : 0
    if (marker && start === 0) return send(400, { badRequest: { code: 400, message: `marker [${marker}] not found` } })
    const page = all.slice(start, start + limit)
    const body: Record<string, unknown> = { servers: page }
    if (start + limit < all.length) {
      // Nova builds the link from its own idea of its URL; here a path this server does not route, so a
      // client that followed it instead of rebasing it on the catalog endpoint would get a 404
      body.servers_links = [{ href: `${this.url}/behind-a-proxy${m[3]}?limit=${limit}&marker=${String(page[page.length - 1].id)}`, rel: 'next' }]
    }
    send(200, body)
  }

  private stack(m: RegExpExecArray, send: (s: number, b: unknown, h?: Record<string, string>) => void): void {
    const show = fixture('heat-stack-show-response.json') as { stack: Record<string, unknown> }
    const parts = m[3].split('/').filter(Boolean) // v1, project, stacks, NAME[, ID]
    if (parts[2] !== 'stacks' || parts[3] !== show.stack.stack_name) return send(404, { error: { message: 'The Stack could not be found.' } })
    if (parts.length === 4) {
      return send(302, { message: 'found' }, { Location: `${this.url}/behind-a-proxy/v1/${parts[1]}/stacks/${parts[3]}/${String(show.stack.id)}` })
    }
    if (parts[4] !== show.stack.id) return send(404, { error: { message: 'The Stack could not be found.' } })
    show.stack.outputs = this.options.stackOutputs ?? []
    send(200, show)
  }
}

/** Servers made from the Nova sample server (nova-servers-details-v2.9.json), varied per case. */
export function novaServer(overrides: Record<string, unknown>): Record<string, unknown> {
  const sample = (fixture('nova-servers-details-v2.9.json') as { servers: Record<string, unknown>[] }).servers[0]
  return { ...sample, ...overrides }
}

export function novaSample(): Record<string, unknown> {
  return (fixture('nova-servers-details-v2.9.json') as { servers: Record<string, unknown>[] }).servers[0]
}
