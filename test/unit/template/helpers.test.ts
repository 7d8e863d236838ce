import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../src/template/index.js'
import { truthy } from '../../../src/template/helpers.js'

const v = {
  xs: [3, 1, 2, 3],
  words: ['b', 'a'],
  s: 'Hello World',
  n: '42',
  d: { a: 1, b: 2 },
  path: '/etc/etcd/etcd.conf',
  ok: { rc: 0, changed: false, failed: false },
  bad: { rc: 1, failed: true },
  skip: { skipped: true, changed: false },
  chg: { status: 'changed' },
  users: [{ name: 'a', uid: 2 }, { name: 'b', uid: 1 }],
  hosts: ['n1', 'n2'],
  hostvars: { n1: { ip: '10.0.0.1' }, n2: { ip: '10.0.0.2' } },
}
const e = (t: string) => evaluate(t, v)

describe('comparison and logic helpers', () => {
  it('eq ne lt gt lte gte', () => {
    expect([e('{{ eq 1 1 }}'), e('{{ eq d.a 1 }}'), e('{{ eq xs xs }}'), e('{{ ne 1 "1" }}')]).toEqual([true, true, true, true])
    expect([e('{{ lt 1 2 }}'), e('{{ gt 1 2 }}'), e('{{ lte 2 2 }}'), e('{{ gte 1 2 }}')]).toEqual([true, false, true, false])
  })
  it('and or not (Ansible truthiness)', () => {
    expect([e('{{ and 1 "yes" xs }}'), e('{{ and 1 "no" }}'), e('{{ or 0 "" "x" }}'), e('{{ not "false" }}')]).toEqual([true, false, true, true])
  })
  it('in / contains', () => {
    expect([e('{{ in 2 xs }}'), e('{{ in "World" s }}'), e('{{ in "a" d }}'), e('{{ contains xs 9 }}')]).toEqual([true, true, true, false])
  })
})

describe('filters', () => {
  it('bool int', () => {
    expect([e('{{ bool "yes" }}'), e('{{ bool "0" }}'), e('{{ int n }}'), e('{{ int "x" }}'), e('{{ int "x" 7 }}')]).toEqual([true, false, 42, 0, 7])
  })
  it('join split length first last unique sort', () => {
    expect(e('{{ join xs "," }}')).toBe('3,1,2,3')
    expect(e('{{ split "a,b" "," }}')).toEqual(['a', 'b'])
    expect(e('{{ split " a  b " }}')).toEqual(['a', 'b'])
    expect([e('{{ length xs }}'), e('{{ length s }}'), e('{{ length d }}')]).toEqual([4, 11, 2])
    expect([e('{{ first xs }}'), e('{{ last xs }}')]).toEqual([3, 3])
    expect(e('{{ unique xs }}')).toEqual([3, 1, 2])
    expect(e('{{ sort words }}')).toEqual(['a', 'b'])
    expect(e('{{ sort users "uid" }}')).toEqual([{ name: 'b', uid: 1 }, { name: 'a', uid: 2 }])
  })
  it('lower upper replace regex_replace regex_search', () => {
    expect([e('{{ lower s }}'), e('{{ upper s }}'), e('{{ replace s "o" "0" }}')]).toEqual(['hello world', 'HELLO WORLD', 'Hell0 W0rld'])
    expect(e('{{ regex_replace s "(\\w+) (\\w+)" "\\2 \\1" }}')).toBe('World Hello')
    expect(e('{{ regex_replace "abc" "(?i)B" "x" }}')).toBe('axc')
    expect([e('{{ regex_search s "W\\w+" }}'), e('{{ regex_search s "zz" }}')]).toEqual(['World', null])
  })
  it('b64 json yaml hash basename dirname', () => {
    expect(e('{{ b64encode "tsplay" }}')).toBe('dHNwbGF5')
    expect(e('{{ b64decode "dHNwbGF5" }}')).toBe('tsplay')
    expect(e('{{ to_json d }}')).toBe('{"a":1,"b":2}')
    expect(e('{{ from_json "[1,2]" }}')).toEqual([1, 2])
    expect(e('{{ to_yaml d }}')).toBe('{a: 1, b: 2}')
    expect(e('{{ from_yaml "a: [1]" }}')).toEqual({ a: [1] })
    // sha256("abc"), as `echo -n abc | sha256sum`
    expect(e('{{ hash "abc" }}')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(e('{{ hash "abc" "sha1" }}')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d')
    expect([e('{{ basename path }}'), e('{{ dirname path }}')]).toEqual(['etcd.conf', '/etc/etcd'])
  })
  it('map extract combine concat ternary quote', () => {
    expect(e('{{ map users "name" }}')).toEqual(['a', 'b'])
    expect(e('{{ extract hosts hostvars "ip" }}')).toEqual(['10.0.0.1', '10.0.0.2'])
    expect(e('{{ combine d (from_json "{\\"b\\":3}") }}')).toEqual({ a: 1, b: 3 })
    expect(e('{{ concat "http://" (first hosts) ":" 2379 }}')).toBe('http://n1:2379')
    expect(e('{{ ternary ok.failed "no" "yes" }}')).toBe('yes')
    expect(e('{{ quote "it\'s" }}')).toBe(`'it'"'"'s'`)
  })
  it('bad input names the helper', () => {
    expect(() => e('{{ from_json "{" }}')).toThrowError(/helper 'from_json'/)
    expect(() => e('{{ first 5 }}')).toThrowError(/first expects a list, got number 5/)
  })
})

describe('result tests', () => {
  it('succeeded failed changed skipped', () => {
    expect([e('{{ succeeded ok }}'), e('{{ failed ok }}'), e('{{ changed ok }}'), e('{{ skipped ok }}')]).toEqual([true, false, false, false])
    expect([e('{{ succeeded bad }}'), e('{{ failed bad }}')]).toEqual([false, true])
    expect([e('{{ skipped skip }}'), e('{{ changed chg }}')]).toEqual([true, true])
  })
  it('refuse a non-result', () => {
    expect(() => e('{{ failed s }}')).toThrowError(/expects a registered result/)
  })
})

describe('truthiness', () => {
  it('follows Ansible', () => {
    expect(['yes', 'true', 'x', 1, [0], { a: 1 }].map(truthy)).toEqual([true, true, true, true, true, true])
    expect(['no', 'False', 'off', '0', '', 0, [], {}, null, undefined].map(truthy).some(Boolean)).toBe(false)
  })
})
