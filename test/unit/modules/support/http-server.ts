// A tiny HTTP server for get_url/uri/wait_for tests: 127.0.0.1 in unit tests, the lab bridge address in e2e.
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, type AddressInfo } from 'node:net'

export const FILE_BODY = 'tsplay payload\n'.repeat(100)
export const FILE_SHA256 = createHash('sha256').update(FILE_BODY).digest('hex')

export interface TestServer {
  url: string
  port: number
  requests: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }>
  close(): Promise<void>
}

export async function startServer(host = '127.0.0.1'): Promise<TestServer> {
  const requests: TestServer['requests'] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString()
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      const path = (req.url ?? '').split('?')[0]
      if (path === '/file.txt') return void res.end(FILE_BODY)
      if (path === '/json') {
        res.setHeader('Content-Type', 'application/json')
        return void res.end(JSON.stringify({ ok: true, method: req.method, body, auth: req.headers.authorization ?? null, x: req.headers['x-tsplay'] ?? null }))
      }
      if (path === '/redirect') {
        res.statusCode = 302
        res.setHeader('Location', '/file.txt')
        return void res.end()
      }
      res.statusCode = 404
      res.end('not found')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** A port that was free a moment ago and has nothing listening. */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const s = createTcpServer()
  await new Promise<void>((r) => s.listen(0, host, r))
  const port = (s.address() as AddressInfo).port
  await new Promise((r) => s.close(r))
  return port
}
