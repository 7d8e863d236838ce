// tsplay's per-user cache on the controller: compiled schema validators (schema-cache.ts) and V8's code
// cache of the bundle (cli/boot.ts). Everything in it can be rebuilt; any problem with it (read-only
// home, a corrupt file) means doing the work again, never a failure. Its files are code that tsplay runs,
// so a directory someone else could write to is not used at all.
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** `$TSPLAY_CACHE_DIR` (empty: no cache), else `$XDG_CACHE_HOME/tsplay` or ~/.cache/tsplay. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TSPLAY_CACHE_DIR !== undefined) return env.TSPLAY_CACHE_DIR || undefined
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tsplay')
}

/** cacheDir() when it is safe to run code from: a directory of this user's that no one else may write to (or none yet). */
export function trustedCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = cacheDir(env)
  return dir !== undefined && trusted(dir, true) ? dir : undefined
}

function trusted(dir: string, absentIsFine: boolean): boolean {
  try {
    const st = lstatSync(dir)
    const uid = process.getuid?.()
    return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0
  } catch (e) {
    return absentIsFine && (e as NodeJS.ErrnoException).code === 'ENOENT'
  }
}

/** Writes `file` in `dir` whole or not at all (a concurrent run reads the old state or the new); false on failure. */
export function writeCacheFile(dir: string, file: string, data: string | Uint8Array): boolean {
  const tmp = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (!trusted(dir, false)) return false
    writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' }) // never through a file or link that is already there
    renameSync(tmp, file)
    return true
  } catch {
    rmSync(tmp, { force: true })
    return false
  }
}
