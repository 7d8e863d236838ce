// lookup('password', 'path length=20 chars=ascii_letters,digits'): a random password kept in a file on
// the controller (created on first use), as Ansible's password lookup does. `/dev/null` never stores.
import { randomInt } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import type { Kw } from '../callable.js'
import { str } from '../py.js'
import type { Runtime } from '../runtime.js'
import { parseKv } from './kv.js'

const SETS: Record<string, string> = {
  ascii_letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ascii_lowercase: 'abcdefghijklmnopqrstuvwxyz',
  ascii_uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  hexdigits: '0123456789abcdefABCDEF',
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
}

export function passwordLookup(terms: unknown[], rt: Runtime, kw: Kw): unknown[] {
  return terms.map((t) => {
    const { key, opts } = parseKv(str(t), { length: '20', chars: 'ascii_letters,digits,.,:-_', encrypt: '', seed: '' }, kw)
    const chars = opts.chars
      .split(/,(?!,)/)
      .map((c) => SETS[c] ?? c)
      .join('')
    const base = rt.options.lookups?.playbookDir ?? process.cwd()
    const path = isAbsolute(key) ? key : join(base, key)
    if (path !== '/dev/null' && existsSync(path)) return readFileSync(path, 'utf8').split('\n')[0].replace(/ salt=.*$/, '')
    let pw = ''
    for (let i = 0; i < Number(opts.length); i++) pw += chars[randomInt(chars.length)]
    if (path !== '/dev/null') {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, pw + '\n', { mode: 0o600 })
    }
    return pw
  })
}
