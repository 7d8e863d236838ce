// applyMode must agree with GNU chmod itself for files and directories.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { applyMode, formatMode, parseMode } from '../../../../src/modules/lib/mode.js'

const base = mkdtempSync(join(tmpdir(), 'tsplay-mode-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))
const specs = ['u=rw,g=r,o=r', 'a+x', 'u+x,g-w', 'go-rwx', 'a=rX', 'u=rwX,g=rX,o=', '+x', '=r', 'o+t', 'u+s', 'g=u', 'o=g-w', 'u-s,a+r', 'ug+rw,o-r']
const starts = [0o600, 0o644, 0o755, 0o700, 0o000, 0o4755, 0o640]

describe('applyMode matches chmod', () => {
  for (const isDir of [false, true]) {
    it.each(specs)(`%s on a ${isDir ? 'directory' : 'file'}`, (spec) => {
      for (const start of starts) {
        const p = join(base, `${isDir ? 'd' : 'f'}-${Math.random().toString(36).slice(2)}`)
        if (isDir) mkdirSync(p)
        else writeFileSync(p, '')
        chmodSync(p, start)
        execFileSync('sh', ['-c', 'umask 022; chmod "$1" "$2"', 'sh', spec, p])
        const real = statSync(p).mode & 0o7777
        expect(formatMode(applyMode(parseMode(spec)!, start, isDir, 0o022)), `${spec} from ${formatMode(start)}`).toBe(formatMode(real))
      }
    })
  }

  it('parses octal forms', () => {
    expect(parseMode('0644')).toEqual({ kind: 'octal', value: 0o644 })
    expect(parseMode('755')).toEqual({ kind: 'octal', value: 0o755 })
    expect(parseMode(420)).toEqual({ kind: 'octal', value: 0o644 }) // YAML's 0644: a number is the mode itself
    expect(parseMode(644)).toEqual({ kind: 'octal', value: 0o1204 }) // as Ansible: decimal 644
    expect(() => parseMode(0o17777)).toThrow(/not a file mode/)
    expect(() => parseMode('rwxr-xr-x')).toThrow(/neither octal/)
  })
})
