import { describe, expect, it } from 'vitest'
import { unifiedDiff } from '../../../src/reporters/diff.js'

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('')
  })

  it('shows one changed line with context, like diff -u', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n') + '\n'
    const after = before.replace('5\n', 'five\n')
    expect(unifiedDiff(before, after, '/etc/x')).toBe(
      ['--- before: /etc/x', '+++ after: /etc/x', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'),
    )
  })

  it('splits distant changes into separate hunks and handles a new file', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n'
    const after = before.replace('l1\n', 'L1\n').replace('l18\n', 'L18\n')
    expect(unifiedDiff(before, after).match(/^@@/gm)).toHaveLength(2)
    expect(unifiedDiff('', 'x\n')).toContain('@@ -1,0 +1,1 @@\n+x\n')
  })
})
