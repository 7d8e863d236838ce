// Unified diff (for -D) of two texts, line based, with 3 lines of context.

export function unifiedDiff(before: string, after: string, path = 'file', context = 3): string {
  if (before === after) return ''
  const a = splitLines(before)
  const b = splitLines(after)
  const ops = diffLines(a, b)
  const hunks: string[] = []
  let i = 0
  while (i < ops.length) {
    if (ops[i].op === ' ') { i++; continue }
    let start = Math.max(0, i - context)
    let end = i
    // extend the hunk while changes are within 2*context of each other
    while (end < ops.length) {
      if (ops[end].op !== ' ') { end++; continue }
      let next = end
      while (next < ops.length && ops[next].op === ' ') next++
      if (next < ops.length && next - end <= 2 * context) end = next
      else break
    }
    const stop = Math.min(ops.length, end + context)
    const slice = ops.slice(start, stop)
    const aStart = ops[start].a
    const bStart = ops[start].b
    const aLen = slice.filter((o) => o.op !== '+').length
    const bLen = slice.filter((o) => o.op !== '-').length
    hunks.push(`@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@\n` + slice.map((o) => o.op + o.text).join(''))
    i = stop
    start = stop
  }
  return `--- before: ${path}\n+++ after: ${path}\n` + hunks.join('')
}

interface Op { op: ' ' | '-' | '+'; text: string; a: number; b: number }

function range(start: number, len: number): string {
  return len === 0 ? `${start},0` : len === 1 ? `${start + 1}` : `${start + 1},${len}`
}

function splitLines(s: string): string[] {
  if (s === '') return []
  const lines = s.split(/(?<=\n)/)
  const last = lines.length - 1
  if (!lines[last].endsWith('\n')) lines[last] += '\n\\ No newline at end of file\n'
  return lines
}

/** LCS table diff; very large inputs fall back to "all removed, all added". */
function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++
  let suf = 0
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++
  const ops: Op[] = []
  for (let k = 0; k < pre; k++) ops.push({ op: ' ', text: a[k], a: k, b: k })
  const am = a.slice(pre, a.length - suf)
  const bm = b.slice(pre, b.length - suf)
  const n = am.length
  const m = bm.length
  if (n * m > 4_000_000) {
    am.forEach((t, k) => ops.push({ op: '-', text: t, a: pre + k, b: pre }))
    bm.forEach((t, k) => ops.push({ op: '+', text: t, a: pre + n, b: pre + k }))
  } else {
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
    for (let x = n - 1; x >= 0; x--)
      for (let y = m - 1; y >= 0; y--)
        lcs[x][y] = am[x] === bm[y] ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1])
    let x = 0
    let y = 0
    while (x < n || y < m) {
      if (x < n && y < m && am[x] === bm[y]) { ops.push({ op: ' ', text: am[x], a: pre + x, b: pre + y }); x++; y++ }
      else if (x < n && (y === m || lcs[x + 1][y] >= lcs[x][y + 1])) { ops.push({ op: '-', text: am[x], a: pre + x, b: pre + y }); x++ }
      else { ops.push({ op: '+', text: bm[y], a: pre + x, b: pre + y }); y++ }
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ op: ' ', text: a[a.length - suf + k], a: a.length - suf + k, b: b.length - suf + k })
  return ops
}
