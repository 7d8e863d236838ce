// Path and URL filters: basename dirname expanduser expandvars realpath relpath splitext path_join
// win_basename win_dirname urlsplit urldecode.
import { homedir } from 'node:os'
import { realpathSync } from 'node:fs'
import { posix } from 'node:path'
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { iterate, str, tuple } from '../py.js'

function pyDirname(p: string): string {
  const i = p.lastIndexOf('/') + 1
  let head = p.slice(0, i)
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '')
  return head
}

function pyRealpath(p: string): string {
  const abs = posix.resolve(p)
  try {
    return realpathSync(abs)
  } catch {
    return abs
  }
}

function pyRelpath(p: string, start = '.'): string {
  const r = posix.relative(posix.resolve(start), posix.resolve(p))
  return r || '.'
}

function splitext(p: string): [string, string] {
  const base = p.slice(p.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return [p, '']
  const cut = p.length - (base.length - dot)
  return [p.slice(0, cut), p.slice(cut)]
}

function pathJoin(parts: string[]): string {
  let out = ''
  for (const p of parts) {
    if (p.startsWith('/')) out = p
    else if (!out || out.endsWith('/')) out += p
    else out += '/' + p
  }
  return out
}

const URL_RE = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/

export function urlsplit(url: string): Record<string, unknown> {
  const m = URL_RE.exec(url)!
  const netloc = m[2] ?? ''
  const userinfo = netloc.includes('@') ? netloc.slice(0, netloc.lastIndexOf('@')) : ''
  const hostport = netloc.includes('@') ? netloc.slice(netloc.lastIndexOf('@') + 1) : netloc
  let hostname: string | null = null
  let port: number | null = null
  const v6 = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostport)
  if (v6) {
    hostname = v6[1].toLowerCase()
    port = v6[2] ? Number(v6[2]) : null
  } else if (hostport) {
    const i = hostport.lastIndexOf(':')
    hostname = (i < 0 ? hostport : hostport.slice(0, i)).toLowerCase() || null
    port = i >= 0 && hostport.slice(i + 1) ? Number(hostport.slice(i + 1)) : null
  }
  return {
    fragment: m[5] ?? '',
    hostname,
    netloc,
    password: userinfo.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : null,
    path: m[3] ?? '',
    port,
    query: m[4] ?? '',
    scheme: (m[1] ?? '').toLowerCase(),
    username: userinfo ? (userinfo.includes(':') ? userinfo.slice(0, userinfo.indexOf(':')) : userinfo) : null,
  }
}

defineFilters({
  basename: ['', (_rt, p) => str(p).slice(str(p).lastIndexOf('/') + 1)],
  dirname: ['', (_rt, p) => pyDirname(str(p))],
  win_basename: ['', (_rt, p) => str(p).split(/[\\/]/).pop()],
  win_splitdrive: ['', (_rt, p) => {
    const m = /^([A-Za-z]:|[\\/]{2}[^\\/]+[\\/][^\\/]+)?(.*)$/s.exec(str(p))!
    return tuple([m[1] ?? '', m[2]])
  }],
  win_dirname: ['', (_rt, p) => str(p).replace(/[\\/][^\\/]*$/, '')],
  expanduser: ['', (_rt, p) => str(p).replace(/^~(?=\/|$)/, process.env.HOME ?? homedir())],
  expandvars: ['', (_rt, p) => str(p).replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a, b) => process.env[a ?? b] ?? m)],
  realpath: ['', (_rt, p) => pyRealpath(str(p))],
  relpath: ['start', (_rt, p, start = '.') => pyRelpath(str(p), str(start))],
  splitext: ['', (_rt, p) => tuple(splitext(str(p)))],
  path_join: ['', (_rt, p) => (typeof p === 'string' ? p : pathJoin(iterate(p).map((x) => str(x))))],
  urlsplit: ['query', (_rt, v, query = '') => {
    const r = urlsplit(str(v))
    if (!query) return r
    if (!(str(query) in r)) throw filterError(`urlsplit: unknown URL component: ${str(query)}`)
    return r[str(query)]
  }],
  urldecode: ['', (_rt, v) => decodeURIComponent(str(v).replace(/\+/g, ' '))],
})
