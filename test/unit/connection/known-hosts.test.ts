import { afterAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  fingerprint,
  hashHostName,
  knownHostsLine,
  loadKnownHosts,
  parseKnownHosts,
  patternsMatch,
  preferredHostKeyAlgorithms,
  recordHostKey,
  verifyHostKey,
} from '../../../src/connection/known-hosts.js'

function newKey(dir: string, name: string, type = 'ed25519'): { blob: Buffer; pub: string; fp: string } {
  const path = join(dir, name)
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', path])
  const pub = readFileSync(`${path}.pub`, 'utf8').trim()
  const fp = execFileSync('ssh-keygen', ['-l', '-f', `${path}.pub`], { encoding: 'utf8' }).split(' ')[1]
  return { blob: Buffer.from(pub.split(' ')[1], 'base64'), pub, fp }
}

describe('known_hosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-kh-'))
  const a = newKey(dir, 'a')
  const b = newKey(dir, 'b')
  const r = newKey(dir, 'r', 'rsa')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('computes the same SHA256 fingerprint as ssh-keygen -l', () => {
    expect(fingerprint(a.blob)).toBe(a.fp)
  })

  it('matches entries hashed by ssh-keygen -H (HMAC-SHA1 of the name with the salt)', () => {
    const file = join(dir, 'hashed')
    writeFileSync(file, `10.1.0.5 ${a.pub}\n[10.1.0.6]:2222 ${b.pub}\n`)
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' })
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file)
    expect(entries.every((e) => e.patterns.startsWith('|1|'))).toBe(true)
    expect(verifyHostKey(entries, '10.1.0.5', 22, a.blob)).toEqual({ status: 'ok' })
    expect(verifyHostKey(entries, '10.1.0.6', 2222, b.blob)).toEqual({ status: 'ok' })
    expect(verifyHostKey(entries, '10.1.0.6', 22, b.blob).status).toBe('unknown')
  })

  it('reads our own hashed names back', () => {
    expect(patternsMatch(hashHostName('web1'), 'web1')).toBe(true)
    expect(patternsMatch(hashHostName('web1'), 'web2')).toBe(false)
  })

  it('supports wildcards, negation and several names per line', () => {
    expect(patternsMatch('*.example.org,!bad.example.org', 'web.example.org')).toBe(true)
    expect(patternsMatch('*.example.org,!bad.example.org', 'bad.example.org')).toBe(false)
    expect(patternsMatch('web?,db1', 'web7')).toBe(true)
    expect(patternsMatch('web?,db1', 'db2')).toBe(false)
  })

  it('tells unknown, changed and revoked apart', () => {
    const text = [
      `# comment`,
      `@cert-authority *.corp ${r.pub}`,
      `h1 ${a.pub}`,
      `@revoked * ${r.pub}`,
      `h2 ${b.pub}`,
    ].join('\n')
    const entries = parseKnownHosts(text, 'kh')
    expect(entries).toHaveLength(3) // the CA line is skipped
    expect(verifyHostKey(entries, 'h1', 22, a.blob)).toEqual({ status: 'ok' })
    const changed = verifyHostKey(entries, 'h1', 22, b.blob)
    expect(changed.status).toBe('changed')
    expect(changed.status === 'changed' && changed.entry.line).toBe(3)
    expect(verifyHostKey(entries, 'h3', 22, a.blob)).toEqual({ status: 'unknown', knownTypes: [] })
    expect(verifyHostKey(entries, 'h1', 22, r.blob).status).toBe('revoked')
  })

  it('finds a host by literal name, list, wildcard or negation, case-insensitively and in file order', () => {
    const text = [`web*.corp,!webx.corp ${a.pub}`, `other,WEB1.corp ${b.pub}`, `web1.corp ${a.pub}`].join('\n')
    const entries = parseKnownHosts(text, 'kh')
    expect(verifyHostKey(entries, 'web1.corp', 22, b.blob)).toEqual({ status: 'ok' })
    // the first ed25519 entry in the file is the one reported: the wildcard line, not the literal one
    const changed = verifyHostKey(entries, 'web1.corp', 22, r.blob)
    expect(changed).toMatchObject({ status: 'unknown', knownTypes: ['ssh-ed25519'] })
    const other = newKey(dir, 'other')
    const differs = verifyHostKey(entries, 'web1.corp', 22, other.blob)
    expect(differs.status === 'changed' && differs.entry.line).toBe(1)
    expect(verifyHostKey(entries, 'webx.corp', 22, a.blob).status).toBe('unknown')
    expect(verifyHostKey(entries, 'Other', 22, b.blob)).toEqual({ status: 'ok' })
    // only ASCII letters fold, as in the patterns' RegExps: the Kelvin sign is not a K
    const kelvin = parseKnownHosts(`\u212Aube ${a.pub}\nkube ${b.pub}`, 'kh')
    expect(verifyHostKey(kelvin, 'KUBE', 22, a.blob).status).toBe('changed')
    expect(verifyHostKey(kelvin, '\u212Aube', 22, a.blob)).toEqual({ status: 'ok' })
  })

  it('prefers the host key algorithms already known for the host', () => {
    const entries = parseKnownHosts(`h1 ${r.pub}\n`, 'kh')
    expect(preferredHostKeyAlgorithms(entries, 'h1', 22)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'])
  })

  it('records accepted keys in a form ssh-keygen -F finds', () => {
    const file = join(dir, 'sub', 'known_hosts')
    recordHostKey(file, '127.0.0.1', 2200, a.blob)
    expect(readFileSync(file, 'utf8')).toBe(`${knownHostsLine('127.0.0.1', 2200, a.blob)}\n`)
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2200', '-f', file], { encoding: 'utf8' })
    expect(found).toContain(a.pub.split(' ')[1])
  })

  it('loads a file once until it changes: a key accept-new appends is seen by the next connection', () => {
    const file = join(dir, 'loaded_hosts')
    writeFileSync(file, `h1 ${a.pub}\n`)
    const first = loadKnownHosts([file])
    expect(first.map((e) => e.patterns)).toEqual(['h1'])
    expect(loadKnownHosts([file])).toBe(first) // not read and parsed again
    recordHostKey(file, 'h2', 22, b.blob)
    expect(verifyHostKey(loadKnownHosts([file]), 'h2', 22, b.blob)).toEqual({ status: 'ok' })
    writeFileSync(file, `h3 ${a.pub}\n`) // replaced by other text
    expect(loadKnownHosts([file]).map((e) => e.patterns)).toEqual(['h3'])
    expect(loadKnownHosts([join(dir, 'missing')])).toEqual([])
  })
})
