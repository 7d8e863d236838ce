import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { printfBytes, quote, quoteArgv, sh } from '../../../src/util/shell-quote.js'
import { NulByteError, composeCommand } from '../../../src/connection/compose.js'
import { nulArgs } from '../../../src/modules/lib/arg-spec.js'

const hostile = ["it's", '$(touch /tmp/pwned)', '`id`', '"double"', 'back\\slash', 'new\nline', '*', '-n', 'ünïcødé', '', ' lead']

describe('quote', () => {
  it.each(hostile)('round-trips %j through /bin/sh byte-exact', (value) => {
    const out = execFileSync('/bin/sh', ['-c', `printf %s ${quote(value)}`])
    expect(out.toString()).toBe(value)
  })

  it('leaves plain words bare and quotes the rest', () => {
    expect(quote('/etc/hosts')).toBe('/etc/hosts')
    expect(quote('a b')).toBe("'a b'")
    expect(quoteArgv(['echo', "it's"])).toBe(`echo 'it'"'"'s'`) // Python's shlex.quote, as Ansible's quote filter
    expect(sh`test -f ${'a;b'}`).toBe("test -f 'a;b'")
  })
})

describe('printfBytes', () => {
  const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
  const cases: [string, Buffer][] = [
    ['text with quotes, % and backslashes', Buffer.from("it's 100%\\n \\047 $HOME `id` \"q\"\n")],
    ['a leading dash', Buffer.from('-n -e\n')],
    ['digits after an escape', Buffer.from('\x01123\n7')],
    ['UTF-8', Buffer.from('ünïcødé ✓\n')],
    ['every byte', every],
    ['every byte inside text (still the builtin)', Buffer.concat([Buffer.from('x'.repeat(2000)), every])],
    ['NULs and 0xff', Buffer.from([0, 0, 0xff, 0x0a, 0])],
  ]
  for (const shell of ['/bin/sh', '/bin/bash']) {
    it.each(cases)(`${shell} writes %s byte-exact`, (_name, bytes) => {
      expect(execFileSync(shell, ['-c', printfBytes(bytes)]).equals(bytes)).toBe(true)
    })
  }

  it('uses the builtin for text and base64 only where escapes would be longer', () => {
    expect(printfBytes(Buffer.from('nofile 65536\n'))).toBe(`printf 'nofile 65536\\n'`)
    expect(printfBytes(every)).toMatch(/\| base64 -d$/)
    expect(printfBytes(Buffer.concat([Buffer.from('x'.repeat(2000)), every]))).toMatch(/^printf '/)
    expect(printfBytes(Buffer.alloc(0))).toBe(':')
  })
})

describe('a NUL byte', () => {
  it('is refused in any command line, never dropped (sh would run `touch /root/xy` for /root/x\\0y)', () => {
    expect(() => composeCommand(`touch ${quote('/root/x\0y')}`)).toThrow(NulByteError)
    expect(() => composeCommand('touch /root/x\0y')).toThrow('a NUL byte cannot be passed to the shell (embedded null byte at offset 13 of "touch /root/x\\u0000y")')
    expect(() => composeCommand('true', { env: { X: 'a\0b' } })).toThrow(NulByteError)
  })

  it('is refused in a module argument unless the argument is content (binary)', () => {
    const schema = { properties: { path: { type: 'string' }, content: { type: 'string', binary: true }, argv: { type: 'array' } } }
    expect(nulArgs(schema, { path: '/a\0b', content: 'x\0y', argv: ['ok', 'n\0'] })).toEqual(['path', 'argv'])
    expect(nulArgs(schema, { path: '/ab', content: 'x\0y' })).toEqual([])
  })
})
