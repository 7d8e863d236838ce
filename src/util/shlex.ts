// Python's shlex.split() in POSIX mode: the one shell-word splitting of tsplay, as ansible-core uses it
// for the command module's free-form string, INI host lines (with comments=True) and ssh arguments.
// Faithful quirks: inside double quotes a backslash escapes only `"` and `\` (`"a\$b"` is `a\$b`);
// single quotes escape nothing; with comments, '#' starts a comment even in the middle of a word
// (`a=b#c` → `a=b`).

const WHITESPACE = ' \t\r\n'

export class ShlexError extends Error {}

/** The words of `line`; throws ShlexError with Python's message ('No closing quotation', 'No escaped character'). */
export function shlexSplit(line: string, options: { comments?: boolean } = {}): string[] {
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
      } else if (c === '#' && options.comments) {
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

/**
 * The text after the first shell word of `line`, as written (quotes and all): what Ansible's script action
 * hands the shell after the script's path. Quotes and backslashes are read as shlexSplit reads them.
 */
export function afterFirstWord(line: string): string {
  let i = 0
  while (i < line.length && WHITESPACE.includes(line[i])) i++
  let quote = ''
  for (; i < line.length; i++) {
    const c = line[i]
    if (quote) {
      if (c === quote) quote = ''
      else if (c === '\\' && quote === '"') i++
    } else if (c === "'" || c === '"') quote = c
    else if (c === '\\') i++
    else if (WHITESPACE.includes(c)) break
  }
  return line.slice(i)
}
