import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { quote, quoteArgv, sh } from '../../../src/util/shell-quote.js'

const hostile = ["it's", '$(touch /tmp/pwned)', '`id`', '"double"', 'back\\slash', 'new\nline', '*', '-n', 'ünïcødé', '', ' lead']

describe('quote', () => {
  it.each(hostile)('round-trips %j through /bin/sh byte-exact', (value) => {
    const out = execFileSync('/bin/sh', ['-c', `printf %s ${quote(value)}`])
    expect(out.toString()).toBe(value)
  })

  it('leaves plain words bare and quotes the rest', () => {
    expect(quote('/etc/hosts')).toBe('/etc/hosts')
    expect(quote('a b')).toBe("'a b'")
    expect(quoteArgv(['echo', "it's"])).toBe(`echo 'it'\\''s'`)
    expect(sh`test -f ${'a;b'}`).toBe("test -f 'a;b'")
  })
})
