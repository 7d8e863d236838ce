// Expected values are what Python's shlex.split() prints for the same input (checked with python3).
import { describe, expect, it } from 'vitest'
import { afterFirstWord, shlexSplit } from '../../../src/util/shlex.js'

describe("shlexSplit: Python's shlex.split in POSIX mode", () => {
  it('splits quotes, escapes and empty words like Python', () => {
    expect(shlexSplit(`-o 'ProxyCommand=ssh -W %h:%p bastion' -o"User=a b" x\\ y ''`)).toEqual(['-o', 'ProxyCommand=ssh -W %h:%p bastion', '-oUser=a b', 'x y', ''])
    expect(shlexSplit(`a"b c"d 'e\\f' "g\\\\h" "i\\"j"`)).toEqual(['ab cd', 'e\\f', 'g\\h', 'i"j'])
  })

  it('keeps a backslash before $ inside double quotes (sh would drop it; Ansible does not)', () => {
    expect(shlexSplit('echo "a\\$b"')).toEqual(['echo', 'a\\$b'])
  })

  it('reads # as a comment only when asked (INI host lines), even mid-word', () => {
    expect(shlexSplit('x#y z')).toEqual(['x#y', 'z'])
    expect(shlexSplit('x#y z', { comments: true })).toEqual(['x'])
  })

  it("fails with Python's messages", () => {
    expect(() => shlexSplit('a "b')).toThrow('No closing quotation')
    expect(() => shlexSplit("a 'b")).toThrow('No closing quotation')
    expect(() => shlexSplit('a \\')).toThrow('No escaped character')
  })
})

describe('afterFirstWord: the rest of a line after its first shell word, as written', () => {
  it.each([
    ['run.sh a b', ' a b'],
    ['  run.sh   $HOME "x y"', '   $HOME "x y"'],
    ["'my script.sh' 'a b; $(x)'", " 'a b; $(x)'"],
    ['"my \\" script.sh" z', ' z'],
    ['my\\ script.sh z', ' z'],
    ['run.sh', ''],
  ])('%s', (line, rest) => {
    expect(afterFirstWord(line)).toBe(rest)
  })
})
