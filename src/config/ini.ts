// ansible.cfg as Python's configparser reads it for Ansible (inline_comment_prefixes=(';',)): `[section]`,
// `key = value` or `key: value`, keys case-insensitive, `#` and `;` comment lines, `;` inline comments after
// whitespace, indented lines continuing the value, `%%` for a literal % (BasicInterpolation).
import { ConfigError } from '../errors.js'

export interface IniEntry {
  value: string
  line: number
}

export type IniFile = Map<string, Map<string, IniEntry>>

export function parseIni(text: string, file: string): IniFile {
  const sections: IniFile = new Map()
  let section: Map<string, IniEntry> | undefined
  let last: IniEntry | undefined
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    if (/^\s*([#;].*)?$/.test(raw)) return
    if (/^\s/.test(raw) && last) {
      last.value += '\n' + stripComment(raw.trim())
      return
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(raw)
    if (header) {
      section = sections.get(header[1]) ?? new Map()
      sections.set(header[1], section)
      last = undefined
      return
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw)
    if (!pair) throw new ConfigError(`${file}: line ${line} is neither [section] nor key = value`, { file, line })
    if (!section) throw new ConfigError(`${file}: key '${pair[1]}' before any [section]`, { file, line }, 'put it under [defaults]')
    last = { value: stripComment(pair[2]), line }
    section.set(pair[1].toLowerCase(), last)
  })
  for (const entries of sections.values()) for (const entry of entries.values()) entry.value = entry.value.replace(/%%/g, '%')
  return sections
}

function stripComment(value: string): string {
  return value.replace(/\s;.*$/, '').trim()
}
