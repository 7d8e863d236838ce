import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { hashPassword } from '../../../src/lab/keys.js'

describe('hashPassword', () => {
  it('makes a salted SHA-512 crypt hash that verifies the password and nothing else', async () => {
    const password = `it's a "pw" $HOME \\ ${'x'.repeat(40)}`
    const hash = await hashPassword(password)
    expect(hash).toMatch(/^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/)
    expect(await hashPassword(password)).not.toBe(hash) // fresh salt each time
    // Re-hashing with the stored salt is how login checks it: same password → same hash.
    const check = (pw: string) =>
      execFileSync('perl', ['-e', 'my $p = <STDIN>; chomp $p; print crypt($p, $ARGV[0])', hash], { input: `${pw}\n` }).toString()
    expect(check(password)).toBe(hash)
    expect(check('wrong')).not.toBe(hash)
  })
})
