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
      let stuff = pattern.slice(i, j).replace(/\\/g, '\\\\')
      i = j + 1
      if (stuff.startsWith('!')) stuff = '^' + stuff.slice(1)
      else if (stuff.startsWith('^') || stuff.startsWith('[')) stuff = '\\' + stuff
      // inside a JS class, only \ ] [ and ^ (first) are special; ranges work the same
      out += `[${stuff.replace(/\[/g, '\\[')}]`
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    }
  }
  re = new RegExp(`^(?:${out})$`, 'u')
  cache.set(pattern, re)
  return re
}

export function fnmatch(name: string, pattern: string): boolean {
  return fnmatchRegExp(pattern).test(name)
}
