import { Writable } from 'node:stream'
import { expect, it } from 'vitest'
import { batchedWrite } from '../../../src/reporters/batched-write.js'

function sink(): { stream: Writable; chunks: string[] } {
  const chunks: string[] = []
  return { chunks, stream: new Writable({ write: (chunk, _enc, done) => (chunks.push(String(chunk)), done()) }) }
}

it('writes what one event-loop turn printed as one chunk, in order, and the next turn again', async () => {
  const { stream, chunks } = sink()
  const out = batchedWrite(stream)
  out.write('ok: [a]\n')
  out.write('ok: [b]\n')
  expect(chunks).toEqual([])
  await new Promise((r) => setImmediate(r))
  out.write('PLAY RECAP\n')
  await new Promise((r) => setTimeout(r, 5))
  expect(chunks).toEqual(['ok: [a]\nok: [b]\n', 'PLAY RECAP\n'])
})

it('flush writes the pending text at once, and nothing twice', async () => {
  const { stream, chunks } = sink()
  const out = batchedWrite(stream)
  out.write('a\n')
  out.flush()
  await new Promise((r) => setTimeout(r, 5))
  expect(chunks).toEqual(['a\n'])
})
