// Python's shlex.split(line, comments=True) in POSIX mode, which ansible-core uses to split INI host
// lines. Faithful quirks: '#' starts a comment even in the middle of a word (`a=b#c` → `a=b`);
// inside double quotes a backslash escapes only `"` and `\`; single quotes escape nothing.

const WHITESPACE = ' \t\r\n'

export class ShlexError extends Error {}

export function shlexSplit(line: string): string[] {
  const tokens: string[] = []
  let state: string = ' ' // ' ' between words, 'a' in a word, a quote char, or '\\'
  let escapedState = 'a'
  let token = ''
  let quoted = false
  const emit = (): void => {
    if (token !== '' || quoted) tokens.push(token)
    token = ''
    quoted = false
  }
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line[i] : undefined
    if (state === ' ' || state === 'a') {
      if (c === undefined) break
      if (WHITESPACE.includes(c)) {
        emit()
        state = ' '
      } else if (c === '#') {
        // a comment runs to the end of the (single) line
        break
      } else if (c === '\\') {
        escapedState = 'a'
        state = '\\'
      } else if (c === '"' || c === "'") {
        state = c
      } else {
        token += c
        state = 'a'
      }
    } else if (state === '"' || state === "'") {
      quoted = true
      if (c === undefined) throw new ShlexError('No closing quotation')
      if (c === state) state = 'a'
      else if (c === '\\' && state === '"') {
        escapedState = state
        state = '\\'
      } else token += c
    } else {
      // after a backslash
      if (c === undefined) throw new ShlexError('No escaped character')
      if ((escapedState === '"' || escapedState === "'") && c !== '\\' && c !== escapedState) token += '\\'
      token += c
      state = escapedState
    }
  }
  emit()
  return tokens
}
