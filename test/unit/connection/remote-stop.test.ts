// Reading the pid line every channel starts with, and the kill line of a stop.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { PID_PREFIX, PidReader, killLine } from '../../../src/connection/remote-stop.js'

describe('PidReader', () => {
  it('takes the pid line off the start of the output, across chunks, and passes the rest on', () => {
    const pids: number[] = []
    const r = new PidReader((p) => pids.push(p))
    expect(r.take(Buffer.from('TSPLAY-P'))).toEqual(Buffer.alloc(0))
    expect(r.take(Buffer.from('ID 4242\nhello'))).toEqual(Buffer.from('hello'))
    expect(r.take(Buffer.from(' world'))).toEqual(Buffer.from(' world'))
    expect([r.pid, pids]).toEqual([4242, [4242]])
  })

  it('leaves output that does not start with a pid line alone (no pid known)', () => {
    const r = new PidReader()
    expect(r.take(Buffer.from('banner\nrest'))).toEqual(Buffer.from('banner\nrest'))
    expect(r.pid).toBeUndefined()
  })

  it('reads what PID_PREFIX prints: the pid of the shell that runs the command', () => {
    const out = execFileSync('/bin/sh', ['-c', `${PID_PREFIX}echo $$`])
    const r = new PidReader()
    const rest = r.take(out).toString().trim()
    expect(String(r.pid)).toBe(rest)
  })
})

describe('killLine', () => {
  it('signals process groups and never fails on groups that are gone', () => {
    expect(killLine([12, 34], 'TERM')).toBe('kill -TERM -- -12 -34 2>/dev/null; true')
    expect(() => execFileSync('/bin/sh', ['-c', killLine([999999], 'KILL')])).not.toThrow()
  })
})
