import { describe, expect, it } from 'vitest'
import { selectedByTags } from '../../../src/executor/scope.js'

// Expectations follow ansible-core 2.14's Taggable.evaluate_tags.
describe('tag selection', () => {
  it('runs everything but never-tagged tasks by default', () => {
    expect(selectedByTags([], [], [])).toBe(true)
    expect(selectedByTags(['x'], [], [])).toBe(true)
    expect(selectedByTags(['never'], [], [])).toBe(false)
    expect(selectedByTags(['never', 'x'], ['x'], [])).toBe(true)
  })
  it('-t selects by tag, always, tagged and untagged', () => {
    expect(selectedByTags(['x'], ['y'], [])).toBe(false)
    expect(selectedByTags(['always'], ['y'], [])).toBe(true)
    expect(selectedByTags(['x'], ['tagged'], [])).toBe(true)
    expect(selectedByTags([], ['tagged'], [])).toBe(false)
    expect(selectedByTags([], ['untagged'], [])).toBe(true)
  })
  it('--skip-tags wins, but skip all keeps always unless always is skipped', () => {
    expect(selectedByTags(['x'], [], ['x'])).toBe(false)
    expect(selectedByTags(['always'], [], ['all'])).toBe(true)
    expect(selectedByTags(['always'], [], ['all', 'always'])).toBe(false)
    expect(selectedByTags(['x'], [], ['tagged'])).toBe(false)
    expect(selectedByTags([], [], ['tagged'])).toBe(true)
  })
})
