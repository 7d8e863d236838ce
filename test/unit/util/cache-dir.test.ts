import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { trustedCacheDir, writeCacheFile } from '../../../src/util/cache-dir.js'

const root = mkdtempSync(join(tmpdir(), 'tsplay-cache-dir-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const env = (dir: string) => ({ TSPLAY_CACHE_DIR: dir })

describe('the cache dir holds code tsplay runs', () => {
  it('is used when it is ours and only we may write to it, or not made yet', () => {
    const mine = join(root, 'mine')
    mkdirSync(mine, { mode: 0o700 })
    expect(trustedCacheDir(env(mine))).toBe(mine)
    expect(trustedCacheDir(env(join(root, 'not-yet')))).toBe(join(root, 'not-yet'))
    expect(trustedCacheDir(env(''))).toBeUndefined()
  })

  it('is not used when others may write to it, or when it is a link', () => {
    const shared = join(root, 'shared')
    mkdirSync(shared)
    chmodSync(shared, 0o777)
    expect(trustedCacheDir(env(shared))).toBeUndefined()
    chmodSync(shared, 0o775)
    expect(trustedCacheDir(env(shared))).toBeUndefined()
    symlinkSync(join(root, 'mine'), join(root, 'link'))
    expect(trustedCacheDir(env(join(root, 'link')))).toBeUndefined()
    expect(writeCacheFile(shared, join(shared, 'x.bin'), 'code')).toBe(false)
    expect(readdirSync(shared)).toEqual([])
  })

  it('writes whole files, 0600, in a directory it makes 0700, and leaves no temp file behind', () => {
    const dir = join(root, 'made', 'tsplay')
    expect(writeCacheFile(dir, join(dir, 'a.bin'), 'one')).toBe(true)
    expect(readFileSync(join(dir, 'a.bin'), 'utf8')).toBe('one')
    expect(trustedCacheDir(env(dir))).toBe(dir)
    // a file planted at the temp name is not written through, and nothing is left
    writeFileSync(join(dir, `b.bin.${process.pid}.tmp`), 'planted')
    expect(writeCacheFile(dir, join(dir, 'b.bin'), 'two')).toBe(false)
    expect(existsSync(join(dir, 'b.bin'))).toBe(false)
    expect(readdirSync(dir)).toEqual(['a.bin'])
  })
})
