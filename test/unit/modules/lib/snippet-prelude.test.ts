// The prelude's process-free helpers against the tools they stand in for, run by the real /bin/sh.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PRELUDE, decode64 } from '../../../../src/modules/lib/snippet.js'

const sh = (body: string, ...args: string[]) => execFileSync('/bin/sh', ['-c', `${PRELUDE}\n${body}`, 'sh', ...args], { encoding: 'utf8' })

describe('snippet prelude', () => {
  const paths = ['', '/', '//', 'a', 'a/', '/a', '/a/', '/a/b', '/a//b//', 'a/b', './a', '../x', '/we ird/x', 'a/b//c///', '//a', '/usr//', '/x/\n/y']
  it.each(paths)('tp_dir %j is dirname', (p) => {
    expect(sh('tp_dir "$1"; printf %s "$_d"', p)).toBe(execFileSync('dirname', ['--', p], { encoding: 'utf8' }).replace(/\n$/, ''))
  })

  const values = ['/etc/motd', 'a b', 'ünï', '-rf', '~home', 'x\ny', '', 'a=b:c,d@e%f+g']
  it.each(values)('tp_b64 %j round-trips through decode64', (v) => {
    expect(decode64(sh('tp_b64 "$1"', v))).toBe(v)
  })

  it('safe values skip base64, others use it', () => {
    expect(sh('tp_b64 "$1"', '/etc/motd')).toBe('~/etc/motd')
    expect(sh('tp_b64 "$1"', 'a b')).toBe(Buffer.from('a b').toString('base64'))
  })

  // tp_probe cmp: "same" (tp_same, and the size) exactly when the bytes are equal, as cmp says
  it('tp_probe cmp finds a file the same as $_want exactly when cmp does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsplay-same-'))
    try {
      const texts = ['', 'a', 'a\n', 'a\n\n', '\n', 'x y\t\r\n', "it's \\ $HOME *", 'é ✓\n', 'a\0b\n', 'ab\n', 'ab']
      const file = join(dir, 'f')
      for (const have of texts) {
        writeFileSync(file, have)
        for (const want of texts.filter((t) => !t.includes('\0'))) {
          const out = sh('_want=$2; tp_probe f "$1" cmp', file, want)
          const same = out.includes(' same=1') && / size=(\d+) /.exec(out)?.[1] === String(Buffer.byteLength(want))
          expect(same, `${JSON.stringify(have)} vs ${JSON.stringify(want)}`).toBe(have === want)
        }
      }
      writeFileSync(file, 'x'.repeat(2000))
      expect(sh('_want=$2; tp_probe f "$1" cmp', file, 'x'.repeat(2000))).toContain(' sha=') // larger: sha256 instead
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
