import { describe, expect, it } from 'vitest'
import { unreachable } from '../../../src/connection/unreachable.js'
import { wrapBecome } from '../../../src/connection/become.js'
import { UnreachableError } from '../../../src/errors.js'

const ep = { name: 'web1', host: 'web1.example.org', port: 2222, user: 'core' }
const sysError = (code: string, message = code) => Object.assign(new Error(message), { code })

describe('unreachable reasons', () => {
  it('maps socket and ssh2 errors to one line', () => {
    expect(unreachable(ep, sysError('ENOTFOUND')).message).toBe('cannot resolve host name "web1.example.org"')
    expect(unreachable(ep, sysError('EHOSTUNREACH')).message).toBe('no route to web1.example.org:2222')
    expect(unreachable(ep, new Error('Timed out while waiting for handshake'), { timeoutMs: 10_000 }).message).toBe(
      'timed out after 10s connecting to web1.example.org:2222',
    )
    const auth = Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' })
    expect(unreachable(ep, auth, { tried: ['agent', 'key /k'], problems: ['/k2: wrong passphrase'] }).message).toBe(
      'authentication failed for core@web1.example.org:2222 (tried: agent, key /k; unusable: /k2: wrong passphrase)',
    )
    const e = unreachable(ep, new Error('something\nelse'))
    expect(e).toBeInstanceOf(UnreachableError)
    expect([e.host, e.message]).toEqual(['web1', 'web1.example.org:2222: something'])
  })
})

describe('become command lines', () => {
  it('keeps the password out of argv and quotes user, flags and command', () => {
    const w = wrapBecome(`echo 'hi'`, { method: 'sudo', user: "x'; rm -rf /", password: 'pw-secret', flags: '-E --preserve-env=A;B' })
    expect(w.line).not.toContain('pw-secret')
    expect(w.line).toContain(`-E '--preserve-env=A;B' -u 'x'"'"'; rm -rf /' /bin/sh -c`)
    expect(w.line).toMatch(/^sudo -H -S -p '\[tsplay-become-[0-9a-f]{16}\]' /)
    expect(wrapBecome('true', { method: 'sudo', user: 'root' }).line).toMatch(/^sudo -H -n -u root /)
    expect(wrapBecome('true', { method: 'su', user: 'deploy' }).line).toMatch(/^su -s \/bin\/sh -c '.*' deploy$/)
  })
})
