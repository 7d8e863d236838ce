// The gather script's framing, run by the real /bin/sh: every file comes back byte for byte under its
// own name (missing, unreadable, empty, without a final newline, holding fake headers or markers), link
// targets and the shell's own /proc entries too.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildScript, shGlob } from '../../../src/facts/probe.js'
import { parseRaw } from '../../../src/facts/raw.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-probe-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const files: Record<string, string> = {
  'plain': 'one\ntwo\n',
  'no-newline': 'abc',
  'empty': '',
  'fake-header': 'x\n\n==> ' + join(dir, 'plain') + ' <==\nnot plain\n',
  'fake-marker': 'y\n@@n0nce files\n@@n0nce end\n',
  'with space': 'spaced\n',
  "quote'd": 'quoted\n',
}
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
mkdirSync(join(dir, 'sub'))
writeFileSync(join(dir, 'sub', 'a.x'), 'A\n')
writeFileSync(join(dir, 'sub', 'b.x'), 'B\n')
symlinkSync('../plain', join(dir, 'sub', 'link'))

// the nonce is random per gather: a file cannot know it ('fake-marker' guesses)
function run(probe: Parameters<typeof buildScript>[0][number]) {
  const nonce = randomBytes(8).toString('hex')
  const out = execFileSync('/bin/sh', ['-c', buildScript([probe], nonce)], { encoding: 'utf8' })
  return parseRaw(out, '', nonce)
}

describe('the gather script', () => {
  it('reads every file whole and under its own name, in one head', () => {
    const paths = [...Object.keys(files).map((n) => join(dir, n)), join(dir, 'missing'), '/proc/self/nonexistent', '/sys/class/net/lo/speed', join(dir, 'plain')]
    const raw = run({ files: paths })
    for (const [name, text] of Object.entries(files)) expect(raw.files.get(join(dir, name)), name).toBe(text)
    expect(raw.files.has(join(dir, 'missing'))).toBe(false)
    expect(raw.files.get('/sys/class/net/lo/speed') ?? '').toBe('') // unreadable: nothing, and the rest still read
  })

  it('expands globs, keeps the shell pid apart, finds commands and stats links', () => {
    const raw = run({
      files: [join(dir, 'sub', '*.x'), '/proc/$$/status'],
      stat: [join(dir, 'sub', '*'), join(dir, 'nothing-here')],
      bins: ['sh', 'no-such-command-here'],
      steps: [['echo', 'echo hello']],
    })
    expect([...raw.files.keys()].filter((k) => k.startsWith(dir))).toEqual([join(dir, 'sub', 'a.x'), join(dir, 'sub', 'b.x')])
    expect(raw.files.get('/proc/$$/status')).toMatch(/^Name:\s+sh$/m)
    expect(raw.stat.get(join(dir, 'sub', 'link'))).toMatchObject({ type: 'l', target: '../plain' })
    expect(raw.stat.get(join(dir, 'sub', 'a.x'))).toMatchObject({ type: 'f' })
    expect(raw.stat.has(join(dir, 'nothing-here'))).toBe(false)
    expect(raw.bins.get('sh')).toMatch(/\/sh$/)
    expect(raw.bins.has('no-such-command-here')).toBe(false)
    expect(raw.sections.get('echo')).toBe('hello\n')
  })

  it('quotes every path but its glob characters', () => {
    expect(shGlob("/a b/c'd/*.fact")).toBe(`'/a b/c'"'"'d/'*.fact`)
    expect(shGlob('/proc/$$/environ')).toBe('/proc/$$/environ')
    expect(shGlob('/proc/[0-9]*/comm')).toBe('/proc/[0-9]*/comm')
  })
})
