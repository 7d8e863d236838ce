// Unified diff text for -D, computed line by line (LCS; files in playbooks are small).
import type { Diff } from '../modules/types.js'

export function unifiedDiff(before: string, after: string, path = 'file', context = 3): string {
  if (before === after) return ''
  const a = splitLines(before)
  const b = splitLines(after)
  const ops = diffOps(a, b)
  const out: string[] = [`--- before: ${path}\n`, `+++ after: ${path}\n`]
  for (const [start, end] of hunkRanges(ops, context)) {
    const hunk = ops.slice(start, end)
    const aLen = hunk.filter((o) => o.kind !== '+').length
    const bLen = hunk.filter((o) => o.kind !== '-').length
    out.push(`@@ -${hunk[0].aIndex + 1},${aLen} +${hunk[0].bIndex + 1},${bLen} @@\n`)
    for (const o of hunk) out.push(`${o.kind}${o.text}\n`)
  }
  return out.join('')
}

export function formatDiff(diff: Diff, color: boolean): string {
  const text = unifiedDiff(diff.before, diff.after, diff.path)
  if (!color) return text
  return text
    .split('\n')
    .map((l) => (l.startsWith('+') ? `\x1b[32m${l}\x1b[0m` : l.startsWith('-') ? `\x1b[31m${l}\x1b[0m` : l.startsWith('@@') ? `\x1b[36m${l}\x1b[0m` : l))
    .join('\n')
}

interface Op {
  kind: ' ' | '-' | '+'
  text: string
  aIndex: number
  bIndex: number
}

/** [start, end) op ranges: each change with `context` lines around it, overlapping ranges merged. */
function hunkRanges(ops: Op[], context: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  ops.forEach((op, i) => {
    if (op.kind === ' ') return
    const start = Math.max(0, i - context)
    const end = Math.min(ops.length, i + context + 1)
    const last = ranges[ranges.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else ranges.push([start, end])
  })
  return ranges
}

function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

function diffOps(a: string[], b: string[]): Op[] {
  const n = a.length
  const m = b.length
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  const ops: Op[] = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', text: a[i], aIndex: i++, bIndex: j++ })
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: '-', text: a[i], aIndex: i++, bIndex: j })
    else ops.push({ kind: '+', text: b[j], aIndex: i, bIndex: j++ })
  }
  return ops
}
