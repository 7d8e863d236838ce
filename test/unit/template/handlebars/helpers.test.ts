// The prefix helpers of `.hbs` template files, called as Handlebars calls them (plain values in, plain out).
import { describe, expect, it } from 'vitest'
import { helpers } from '../../../../src/template/handlebars/helpers.js'

const h = (name: string, ...args: unknown[]) => helpers[name](...args)
const users = [{ name: 'a', uid: 2 }, { name: 'b', uid: 1 }]

describe('comparison and logic helpers', () => {
  it('eq ne lt gt lte gte', () => {
    expect([h('eq', 1, 1), h('eq', [3, 1], [3, 1]), h('ne', 1, '1')]).toEqual([true, true, true])
    expect([h('lt', 1, 2), h('gt', 1, 2), h('lte', 2, 2), h('gte', 1, 2)]).toEqual([true, false, true, false])
  })

  it('and or not use Python truthiness, as the Jinja engine does', () => {
    expect([h('and', 1, 'yes', [3]), h('and', 1, ''), h('or', 0, '', 'x'), h('not', 'false'), h('not', [])]).toEqual([true, false, true, false, true])
  })

  it('in / contains', () => {
    expect([h('in', 2, [3, 2]), h('in', 'World', 'Hello World'), h('in', 'a', { a: 1 }), h('contains', [3], 9)]).toEqual([true, true, true, false])
  })
})

describe('filters as helpers', () => {
  it('bool is Ansible to_bool; int', () => {
    expect([h('bool', 'yes'), h('bool', '0'), h('bool', 't'), h('int', '42'), h('int', 'x'), h('int', 'x', 7)]).toEqual([true, false, false, 42, 0, 7])
  })

  it('join split length first last unique sort', () => {
    expect(h('join', [3, 1, 2], ',')).toBe('3,1,2')
    expect(h('split', ' a  b ')).toEqual(['a', 'b'])
    expect([h('length', [1, 2]), h('length', 'abc'), h('length', { a: 1 })]).toEqual([2, 3, 1])
    expect([h('first', [3, 1]), h('last', [3, 1])]).toEqual([3, 1])
    expect(h('unique', [3, 1, 3])).toEqual([3, 1])
    expect(h('sort', users, 'uid')).toEqual([users[1], users[0]])
  })

  it('regex_replace takes Python replacement syntax and inline flags', () => {
    expect(h('regex_replace', 'Hello World', '(\\w+) (\\w+)', '\\2 \\1')).toBe('World Hello')
    expect(h('regex_replace', 'abc', '(?i)B', 'x')).toBe('axc')
  })

  it('encodings, hashes, paths, quote', () => {
    expect(h('b64encode', 'tsplay')).toBe('dHNwbGF5')
    expect(h('from_yaml', 'a: [1]')).toEqual({ a: [1] })
    expect(h('hash', 'abc', 'sha1')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d')
    expect([h('basename', '/etc/etcd/etcd.conf'), h('dirname', '/etc/etcd/etcd.conf')]).toEqual(['etcd.conf', '/etc/etcd'])
    expect(h('quote', "it's")).toBe(`'it'"'"'s'`)
  })

  it('bad input names the helper', () => {
    expect(() => h('first', 5)).toThrowError(/first expects a list, got number 5/)
  })
})

describe('result tests', () => {
  it('succeeded failed changed skipped, and a non-result refused', () => {
    expect([h('succeeded', { rc: 0, failed: false }), h('failed', { failed: true }), h('skipped', { skipped: true }), h('changed', { status: 'changed' })]).toEqual([true, true, true, true])
    expect(() => h('failed', 'text')).toThrowError(/expects a registered result/)
  })
})
