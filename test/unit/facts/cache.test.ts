// The jsonfile fact cache's files: names (with a prefix), timeouts (0 = never), corrupt files.
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { deleteFacts, loadFacts, saveFacts } from '../../../src/facts/cache.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-cache-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('fact cache files', () => {
  it('round-trips facts through one file per host, keys sorted, 4-space indent, no temp file left', () => {
    const config = { dir: join(dir, 'new', 'sub'), timeoutS: 60, prefix: 'facts_' }
    saveFacts(config, 'web-1', { b: 1, a: { d: 2, c: [3] } })
    expect(readdirSync(config.dir)).toEqual(['facts_web-1'])
    expect(loadFacts(config, 'web-1')).toEqual({ a: { c: [3], d: 2 }, b: 1 })
    expect(loadFacts(config, 'web-2')).toBeUndefined()
    deleteFacts(config, 'web-1')
    expect(readdirSync(config.dir)).toEqual([])
  })

  it('expires a file older than the timeout, never with a timeout of 0', () => {
    const path = join(dir, 'old')
    writeFileSync(path, '{"x": 1}')
    const old = Date.now() / 1000 - 100
    utimesSync(path, old, old)
    expect(loadFacts({ dir, timeoutS: 50 }, 'old')).toBeUndefined()
    expect(loadFacts({ dir, timeoutS: 200 }, 'old')).toEqual({ x: 1 })
    expect(loadFacts({ dir, timeoutS: 0 }, 'old')).toEqual({ x: 1 })
  })

  it('removes a corrupt file, and leaves out a host whose name cannot be a file name', () => {
    writeFileSync(join(dir, 'bad'), '{"x": ')
    expect(loadFacts({ dir, timeoutS: 0 }, 'bad')).toBeUndefined()
    expect(existsSync(join(dir, 'bad'))).toBe(false)
    saveFacts({ dir, timeoutS: 0 }, '../evil', { x: 1 })
    expect(existsSync(join(dir, '..', 'evil'))).toBe(false)
    expect(loadFacts({ dir, timeoutS: 0 }, '../evil')).toBeUndefined()
  })
})
