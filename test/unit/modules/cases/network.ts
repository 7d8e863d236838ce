import type { ModuleCase } from '../harness.js'
import { FILE_BODY, FILE_SHA256 } from '../support/http-server.js'

// {http}: base URL of support/http-server.ts as the host sees it; {port}: its port; {closed}: a port nobody listens on
export const networkCases: ModuleCase[] = [
  { name: 'get_url downloads with mode', module: 'get_url', args: { url: '{http}/file.txt', dest: '{root}/f.txt', mode: '0640' },
    files: [{ path: '{root}/f.txt', content: FILE_BODY, mode: '0640' }] },
  { name: 'get_url into a directory uses the URL name', module: 'get_url', args: { url: '{http}/file.txt', dest: '{root}/' },
    files: [{ path: '{root}/file.txt', content: FILE_BODY }] },
  { name: 'get_url keeps an existing file (force=no)', module: 'get_url', setup: [{ path: '{root}/f.txt', content: 'old' }],
    args: { url: '{http}/file.txt', dest: '{root}/f.txt' }, first: 'ok', files: [{ path: '{root}/f.txt', content: 'old' }] },
  { name: 'get_url checksum mismatch on disk re-downloads', module: 'get_url', setup: [{ path: '{root}/f.txt', content: 'old' }],
    args: { url: '{http}/file.txt', dest: '{root}/f.txt', checksum: `sha256:${FILE_SHA256}` }, files: [{ path: '{root}/f.txt', content: FILE_BODY }] },
  { name: 'get_url follows redirects', module: 'get_url', args: { url: '{http}/redirect', dest: '{root}/r.txt', force: true },
    files: [{ path: '{root}/r.txt', content: FILE_BODY }] },
  { name: 'get_url wrong checksum fails and leaves nothing', module: 'get_url', args: { url: '{http}/file.txt', dest: '{root}/x', checksum: 'sha256:abcd' },
    check: 'changed', first: 'failed', msg: 'did not match', files: [{ path: '{root}/x', absent: true }] },
  { name: 'get_url 404 fails', module: 'get_url', args: { url: '{http}/missing', dest: '{root}/m' }, check: 'changed', first: 'failed', msg: 'HTTP Error 404' },
  { name: 'uri GET parses JSON, sends headers and basic auth', module: 'uri', first: 'ok',
    args: { url: '{http}/json', headers: { 'X-Tsplay': "a'b\"c" }, url_username: 'u', url_password: 'p@ss word' },
    data: { status: 200, json: { ok: true, method: 'GET', x: "a'b\"c", auth: `Basic ${Buffer.from('u:p@ss word').toString('base64')}` } } },
  { name: 'uri POST json body', module: 'uri', check: 'skipped', first: 'ok', second: 'ok',
    args: { url: '{http}/json', method: 'POST', body: { k: '@/etc/passwd', n: 1 }, body_format: 'json' },
    data: { json: { method: 'POST', body: '{"k":"@/etc/passwd","n":1}' } } },
  { name: 'uri unexpected status fails', module: 'uri', args: { url: '{http}/missing' }, first: 'failed', check: 'failed', msg: 'Status code was 404' },
  { name: 'uri accepts listed status codes', module: 'uri', args: { url: '{http}/missing', status_code: [200, 404], return_content: true }, first: 'ok', data: { status: 404, content: 'not found' } },
  { name: 'wait_for an open port', module: 'wait_for', args: { host: '{httphost}', port: '{port}', timeout: 5 }, first: 'ok' },
  { name: 'wait_for a closed port (stopped)', module: 'wait_for', args: { host: '127.0.0.1', port: '{closed}', state: 'stopped', timeout: 5 }, first: 'ok' },
  { name: 'wait_for times out with the message', module: 'wait_for', args: { host: '127.0.0.1', port: '{closed}', timeout: 1, msg: 'nothing listens' }, first: 'failed', check: 'failed', msg: 'nothing listens' },
  { name: 'wait_for a regex in a file', module: 'wait_for', setup: [{ path: '{root}/log', content: 'starting\nready on 8080\n' }],
    args: { path: '{root}/log', search_regex: 'ready on [0-9]+', timeout: 2 }, first: 'ok' },
  { name: 'wait_for a path to go away', module: 'wait_for', args: { path: '{root}/gone', state: 'absent', timeout: 2 }, first: 'ok' },
]
