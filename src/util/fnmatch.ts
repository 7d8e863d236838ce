// Python's fnmatch.fnmatch on POSIX (case-sensitive): *, ?, [seq], [!seq], the whole name, dots not special. The one
// fnmatch of tsplay: inventory host patterns, setup's filter, find and unarchive's include/exclude.
const cache = new Map<string, RegExp>()

/** Python's fnmatch.translate, as a JS RegExp over the whole string. */
export function fnmatchRegExp(pattern: string): RegExp {
  let re = cache.get(pattern)
  if (re) return re
  let out = ''
  let i = 0
  const n = pattern.length
  while (i < n) {
    const c = pattern[i++]
    if (c === '*') {
      out += '[\\s\\S]*'
      while (pattern[i] === '*') i++
    } else if (c === '?') {
      out += '[\\s\\S]'
    } else if (c === '[') {
      let j = i
      if (pattern[j] === '!') j++
      if (pattern[j] === ']') j++
      while (j < n && pattern[j] !== ']') j++
      if (j >= n) {
        out += '\\['
        continue
      }
      out += bracketSet(pattern.slice(i, j))
      i = j + 1
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    }
  }
  re = new RegExp(`^(?:${out})$`, 'u')
  cache.set(pattern, re)
  return re
}

/**
 * The RegExp for the inside of `[...]` as Python reads it: a - is a range between the characters around it
 * unless it comes first (after a leading !), or within two characters after a range's -; a trailing - is a
 * character; a range that runs backwards matches nothing and goes, with its two ends; then a leading !
 * negates (also one the dropped range left first); every other character (backslash, ], [ and ^ included)
 * stands for itself.
 */
function bracketSet(inside: string): string {
  const chars = Array.from(inside)
  const pieces: string[][] = [[]] // the characters between range hyphens
  let rangeFrom = chars[0] === '!' ? 2 : 1 // where a - may next be a range's
  chars.forEach((ch, k) => {
    if (ch === '-' && k >= rangeFrom) {
      pieces.push([])
      rangeFrom = k + 3
    } else {
      pieces.at(-1)!.push(ch)
    }
  })
  if (pieces.at(-1)!.length === 0) {
    pieces.pop()
    pieces.at(-1)!.push('-')
  }
  for (let k = pieces.length - 1; k > 0; k--) {
    if (pieces[k - 1].at(-1)!.codePointAt(0)! > pieces[k][0].codePointAt(0)!) pieces.splice(k - 1, 2, [...pieces[k - 1].slice(0, -1), ...pieces[k].slice(1)])
  }
  const negate = pieces[0][0] === '!'
  if (negate) pieces[0].shift()
  const body = pieces.map((p) => p.map((ch) => (/[\\\][^-]/.test(ch) ? `\\${ch}` : ch)).join('')).join('-')
  if (body === '') return negate ? '[\\s\\S]' : '(?!)'
  return `[${negate ? '^' : ''}${body}]`
}

export function fnmatch(name: string, pattern: string): boolean {
  return fnmatchRegExp(pattern).test(name)
}
