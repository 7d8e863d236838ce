// tsplay's per-user cache on the controller: compiled schema validators (schema-cache.ts) and V8's code
// cache of the bundle (cli/boot.ts). Everything in it can be rebuilt; any problem with it (read-only
// home, a corrupt file) means doing the work again, never a failure.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** `$TSPLAY_CACHE_DIR` (empty: no cache), else `$XDG_CACHE_HOME/tsplay` or ~/.cache/tsplay. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TSPLAY_CACHE_DIR !== undefined) return env.TSPLAY_CACHE_DIR || undefined
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tsplay')
}

/** Writes `file` in `dir` whole or not at all (a concurrent run reads the old state or the new); false on failure. */
export function writeCacheFile(dir: string, file: string, data: string | Uint8Array): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, data, { mode: 0o600 })
    renameSync(tmp, file)
    return true
  } catch {
    return false
  }
}
