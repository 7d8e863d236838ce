// The prelude's process-free helpers against the tools they stand in for, run by the real /bin/sh.
import { execFileSync } from 'node:child_process'
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
})
