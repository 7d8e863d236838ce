import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../src/template/index.js'

describe('one expression with whitespace around it', () => {
  it('keeps the whitespace around a string value', () => {
    expect(evaluate('{{ a }}\n', { a: 'v' })).toBe('v\n')
    expect(evaluate('  {{ a }}', { a: 'v' })).toBe('  v')
  })
  it('stays native for lists and numbers', () => {
    expect(evaluate('{{ xs }}\n', { xs: [1, 2] })).toEqual([1, 2])
    expect(evaluate(' {{ n }} ', { n: 3 })).toBe(3)
  })
})
