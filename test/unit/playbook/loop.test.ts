import { describe, expect, it } from 'vitest'
import { expandLoop } from '../../../src/playbook/loop.js'
import { TemplateError } from '../../../src/errors.js'

import { isUnsafe } from '../../../src/template/index.js'

// a lookup's string items are unsafe text (String objects): compared here as the strings they are
const x = (value: unknown, kind?: string) => expandLoop(value, kind, {}, { where: { file: 'x.yml', line: 2 } }).map((i) => (i instanceof String ? i.valueOf() : i))

describe('expandLoop', () => {
  it('loop takes a list as is', () => {
    expect(x([[1, 2], 3])).toEqual([[1, 2], 3])
    expect(() => x('a,b')).toThrowError(TemplateError)
  })
  it('with_items flattens one level, with_flattened all', () => {
    expect(x([[1, 2], 3, [[4]]], 'items')).toEqual([1, 2, 3, [4]])
    expect(x('single', 'items')).toEqual(['single'])
    expect(x([[1, [2, [3]]]], 'flattened')).toEqual([1, 2, 3])
  })
  it('with_dict, with_indexed_items, with_together, with_nested', () => {
    expect(x({ a: 1, b: 2 }, 'dict')).toEqual([{ key: 'a', value: 1 }, { key: 'b', value: 2 }])
    expect(x(['x', 'y'], 'indexed_items')).toEqual([[0, 'x'], [1, 'y']])
    expect(x([[1, 2], ['a']], 'together')).toEqual([[1, 'a'], [2, null]])
    expect(x([[1, 2], ['a', 'b']], 'nested')).toEqual([[1, 'a'], [1, 'b'], [2, 'a'], [2, 'b']])
  })
  it('any lookup plugin: with_sequence, with_subelements', () => {
    expect(x('start=1 end=3 format=f%02d', 'sequence')).toEqual(['f01', 'f02', 'f03'])
    expect(x([[{ n: 'a', ks: [1, 2] }], 'ks'], 'subelements')).toEqual([[{ n: 'a' }, 1], [{ n: 'a' }, 2]]) // Ansible's answer
  })
  it('the items of a with_ lookup are unsafe data; loop: items are not', () => {
    const where = { where: { file: 'x.yml', line: 2 } }
    expect(expandLoop(['{{ a }}', { k: 1 }], 'items', {}, where).every(isUnsafe)).toBe(true)
    expect(expandLoop([{ k: 1 }], undefined, {}, where).some(isUnsafe)).toBe(false)
  })
})
