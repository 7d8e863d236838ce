import { describe, expect, it } from 'vitest'
import { MASK, SecretRegistry } from '../../../src/vault/redact.js'

describe('SecretRegistry', () => {
  it('masks every occurrence, longest secret first', () => {
    const r = new SecretRegistry()
    r.add('pass')
    r.add('password123')
    expect(r.redact('password123 and pass and passport')).toBe(`${MASK} and ${MASK} and ${MASK}port`)
  })

  it('masks the JSON-escaped, shell-quoted, trimmed and per-line forms', () => {
    const r = new SecretRegistry()
    r.add('it\'s "a"\nsecret line two\n')
    expect(r.redact(JSON.stringify({ v: 'it\'s "a"\nsecret line two\n' }))).toBe(`{"v":"${MASK}"}`)
    r.add('don\'t')
    expect(r.redact(`echo 'don'"'"'t'`)).toBe(`echo ${MASK}`)
    expect(r.redact('>> secret line two <<')).toBe(`>> ${MASK} <<`)
  })

  it('leaves text alone when nothing matches or nothing is registered', () => {
    expect(new SecretRegistry().redact('abc')).toBe('abc')
    const r = new SecretRegistry()
    r.add('zzzz')
    expect(r.redact('abc')).toBe('abc')
    r.add('')
    r.add('ab', { minLength: 4 })
    expect(r.redact('ab')).toBe('ab')
  })

  it('handles one-character secrets and secrets at the text edges', () => {
    const r = new SecretRegistry()
    r.add('x')
    r.add('edge')
    expect(r.redact('edge x edge')).toBe(`${MASK} ${MASK} ${MASK}`)
  })

  it('redacts nested values and keys without touching the original', () => {
    const r = new SecretRegistry()
    r.add('s3cret')
    const value = { cmd: 'echo s3cret', list: [1, 's3cret'], s3cret: true, when: new Date(0) }
    const out = r.redactValue(value)
    expect(out).toEqual({ cmd: `echo ${MASK}`, list: [1, MASK], [MASK]: true, when: new Date(0) })
    expect(value.cmd).toBe('echo s3cret')
  })

  it('masks every occurrence with many secrets in a large text', () => {
    const r = new SecretRegistry()
    for (let i = 0; i < 5000; i++) r.add(`secret-${i}-${(i * 7919).toString(36)}`)
    const line = 'ordinary log output with host 10 and status ok secret-42-' + (42 * 7919).toString(36) + '\n'
    const text = line.repeat(20_000) // ~1.5 MB
    const out = r.redact(text)
    expect(out).not.toContain('secret-42-')
    expect(out.split(MASK).length - 1).toBe(20_000)
  })
})

describe('base64 forms', () => {
  it('masks a secret inside base64 content at any byte alignment', () => {
    const r = new SecretRegistry()
    r.add('etcd-cluster-token-0001')
    for (const before of ['', 'a', 'ab', 'abc', 'token: ']) {
      const content = Buffer.from(`${before}etcd-cluster-token-0001\nmore: data\n`).toString('base64')
      const shown = r.redact(`printf %s ${content} | base64 -d > /etc/x`)
      expect(shown, `prefix '${before}'`).toContain(MASK)
      // what is left visible must not decode to the secret
      expect(Buffer.from(shown.split(' ')[2].replace(MASK, ''), 'base64').toString('latin1')).not.toContain('cluster-token')
    }
  })
})

describe('a secret after a filter that keeps it recognisable', () => {
  const secret = 'Tr0ub4dor&3-vaulted/app+secret?'
  const r = new SecretRegistry()
  r.add(secret)

  it.each([
    ['lower', secret.toLowerCase()],
    ['upper', secret.toUpperCase()],
    ['capitalize', secret[0].toUpperCase() + secret.slice(1).toLowerCase()],
    ['b64encode', Buffer.from(secret).toString('base64')],
    ['URL-safe base64', Buffer.from(secret).toString('base64url')],
    ['urlencode', encodeURIComponent(secret)],
    ['to_json', JSON.stringify(secret)],
    ['quote', `'${secret}'`],
  ])('%s is masked', (_name, shown) => {
    const out = r.redact(`value: ${shown} end`)
    expect(out).toContain(MASK)
    expect(out).not.toMatch(/vaulted|VAULTED|dmF1bHRlZC|ub4dor/i)
  })

  it('a transformation that changes the characters is not recognised (README lists them)', () => {
    expect(r.redact(secret.replace('vaulted', 'VAULTED!'))).toBe(secret.replace('vaulted', 'VAULTED!'))
    expect(r.redact([...secret].reverse().join(''))).toBe([...secret].reverse().join(''))
  })
})
