import { describe, expect, it } from 'vitest'
import { expandLoop } from '../../../src/playbook/loop.js'
import { TemplateError } from '../../../src/errors.js'

describe('expandLoop', () => {
  it('loop takes a list as is', () => {
    expect(expandLoop([[1, 2], 3])).toEqual([[1, 2], 3])
    expect(() => expandLoop('a,b', undefined, { file: 'x.yml', line: 2 })).toThrowError(TemplateError)
  })
  it('with_items flattens one level, with_flattened all', () => {
    expect(expandLoop([[1, 2], 3, [[4]]], 'items')).toEqual([1, 2, 3, [4]])
    expect(expandLoop('single', 'items')).toEqual(['single'])
    expect(expandLoop([[1, [2, [3]]]], 'flattened')).toEqual([1, 2, 3])
  })
  it('with_dict, with_indexed_items, with_together, with_nested', () => {
    expect(expandLoop({ a: 1, b: 2 }, 'dict')).toEqual([{ key: 'a', value: 1 }, { key: 'b', value: 2 }])
    expect(expandLoop(['x', 'y'], 'indexed_items')).toEqual([[0, 'x'], [1, 'y']])
    expect(expandLoop([[1, 2], ['a']], 'together')).toEqual([[1, 'a'], [2, null]])
    expect(expandLoop([[1, 2], ['a', 'b']], 'nested')).toEqual([[1, 'a'], [1, 'b'], [2, 'a'], [2, 'b']])
  })
})
