import { describe, expect, it } from 'vitest'
import { didYouMean, editDistance } from '../../../src/util/did-you-mean.js'

describe('didYouMean', () => {
  it('counts a swap of adjacent letters as one edit', () => {
    expect(editDistance('nmae', 'name')).toBe(1)
    expect(editDistance('notfiy', 'notify')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })

  it('suggests the nearest candidate only when it looks like a typo', () => {
    expect(didYouMean('notfiy', ['notify', 'name', 'when'])).toBe('notify')
    expect(didYouMean('nmae', ['name', 'notify'])).toBe('name')
    expect(didYouMean('zzzz', ['name', 'notify'])).toBeUndefined()
  })
})
