// `key opt=value opt2=value` terms of the ini/csvfile/password lookups (Ansible's parse_kv, simplified).
import type { Kw } from '../callable.js'
import { str } from '../py.js'

export function parseKv(term: string, defaults: Record<string, string>, kw: Kw): { key: string; opts: Record<string, string> } {
  const opts = { ...defaults }
  for (const [k, v] of Object.entries(kw)) opts[k] = typeof v === 'boolean' ? (v ? 'True' : 'False') : str(v)
  const words = term.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []
  const keyParts: string[] = []
  for (const w of words) {
    const m = /^(\w+)=(.*)$/s.exec(w)
    if (m && m[1] in defaults) opts[m[1]] = m[2].replace(/^(['"])(.*)\1$/s, '$2')
    else keyParts.push(w)
  }
  return { key: keyParts.join(' '), opts }
}
