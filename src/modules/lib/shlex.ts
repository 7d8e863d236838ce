// POSIX-style word splitting for command's free-form string (as Python's shlex.split does for Ansible).
import { ModuleError } from '../../errors.js'

export function shlexSplit(text: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new ModuleError(`unbalanced single quote in command: ${text}`)
      word += text.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (c === '"') {
      i++
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '\\"$`\n'.includes(text[i + 1])) i++
        word += text[i++]
      }
      if (i >= text.length) throw new ModuleError(`unbalanced double quote in command: ${text}`)
      inWord = true
      i++
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[i + 1]
      inWord = true
      i += 2
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
    } else {
      word += c
      inWord = true
      i++
    }
  }
  if (inWord) words.push(word)
  return words
}
