import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unifiedDiff } from '../../../../src/modules/lib/diff.js'

// GNU diff's hunks (headers stripped) are the reference
function gnu(a: string, b: string): string {
  const d = mkdtempSync(join(tmpdir(), 'tsplay-diff-'))
  try {
    writeFileSync(join(d, 'a'), a)
    writeFileSync(join(d, 'b'), b)
    try {
      execFileSync('diff', ['-u', join(d, 'a'), join(d, 'b')])
      return ''
    } catch (e) {
      return String((e as { stdout: Buffer }).stdout).split('\n').slice(2).join('\n')
    }
  } finally {
    rmSync(d, { recursive: true })
  }
}

const lines = (n: number, f = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => f(i) + '\n').join('')

describe('unifiedDiff', () => {
  const pairs: Array<[string, string]> = [
    ['a\nb\nc\n', 'a\nB\nc\n'],
    ['', 'new\n'],
    ['old\n', ''],
    [lines(20), lines(20, (i) => (i === 3 || i === 15 ? `changed ${i}` : `line ${i}`))],
    [lines(20), lines(20, (i) => (i === 3 || i === 8 ? `changed ${i}` : `line ${i}`))],
    ['a\nb', 'a\nb\n'],
    [lines(5), lines(7)],
  ]
  it.each(pairs)('matches diff -u for %j', (a, b) => {
    const ours = unifiedDiff(a, b, 'f').split('\n').slice(2).join('\n')
    expect(ours).toBe(gnu(a, b))
  })
  it('is empty for equal texts', () => expect(unifiedDiff('x\n', 'x\n')).toBe(''))
})
