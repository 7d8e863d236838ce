// The end of a command is found wherever the channel splits its output: the marker inside one chunk,
// across two, or spread over many one-byte chunks. The channel is an EventEmitter standing in for ssh2's
// (the session only listens to data/close and writes frames); the parsing under test is the real class.
import { EventEmitter } from 'node:events'
import { expect, it } from 'vitest'
import { ShellSession } from '../../../src/connection/shell-session.js'

function fakeChannel() {
  const ch = new EventEmitter() as EventEmitter & { stderr: EventEmitter; write: (s: string) => void; close: () => void }
  ch.stderr = new EventEmitter()
  ch.write = () => {}
  ch.close = () => {}
  return ch
}

function session() {
  const ch = fakeChannel()
  const s = new (ShellSession as unknown as new (c: unknown) => ShellSession)(ch)
  return { s, ch, marker: (s as unknown as { marker: string }).marker }
}

function feed(emitter: EventEmitter, text: string, cuts: number[]): void {
  let at = 0
  for (const cut of [...cuts, text.length]) {
    if (cut > at) emitter.emit('data', Buffer.from(text.slice(at, cut)))
    at = Math.max(at, cut)
  }
}

it('settles with the command output and exit code for every split of the stream', async () => {
  const { marker } = session()
  const stdout = `TSPLAY-PID 42\nhello world\n${'x'.repeat(40)}\n`
  for (let cut = 0; cut <= stdout.length + marker.length + 4; cut++) {
    const { s, ch, marker: m } = session()
    const out = stdout + `${m}:3\n`
    const err = `warn\n${m}\n`
    const done = s.run('true')
    feed(ch, out, [cut])
    feed(ch.stderr, err, [cut % err.length])
    await expect(done).resolves.toEqual({ rc: 3, stdout: `hello world\n${'x'.repeat(40)}\n`, stderr: 'warn\n' })
  }
})

it('finds the marker delivered one byte at a time', async () => {
  const { s, ch, marker } = session()
  const out = `TSPLAY-PID 7\nok\n${marker}:0\n`
  const err = `${marker}\n`
  const done = s.run('true')
  feed(ch, out, Array.from({ length: out.length }, (_, i) => i))
  feed(ch.stderr, err, Array.from({ length: err.length }, (_, i) => i))
  await expect(done).resolves.toEqual({ rc: 0, stdout: 'ok\n', stderr: '' })
})

it('does not settle on a partial marker', async () => {
  const { s, ch, marker } = session()
  let settled = false
  void s.run('true').then(() => (settled = true))
  ch.emit('data', Buffer.from(`TSPLAY-PID 7\n${marker.slice(0, -1)}`))
  ch.stderr.emit('data', Buffer.from(`${marker}\n`))
  await new Promise((r) => setImmediate(r))
  expect(settled).toBe(false)
})
