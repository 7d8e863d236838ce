// JavaScript tsplay runs from its cache dir or its bundle, compiled through V8's code cache: the bundle
// (cli/boot.ts) and the schema validators (schema-cache.ts). A script compiled without a usable cache gets
// one written at exit, when it holds every function the process ran. V8 checks only that a cache was made
// for a source of the same length: each cache file must be named for exactly one text.
import { readFileSync } from 'node:fs'
import { Script } from 'node:vm'
import { writeCacheFile } from './cache-dir.js'

export interface CodeCache {
  dir: string // a trustedCacheDir()
  file: string // in dir, named for the source's text
  write: boolean // write one at exit when there is none or V8 rejected it
  saved?: () => void // after it was written
}

const toSave: Array<{ cache: CodeCache; script: Script }> = []

/** `source` compiled as `filename`, from `cache` when it holds code V8 accepts. */
export function compileCached(source: string, filename: string, cache: CodeCache | undefined): Script {
  const cachedData = cache ? readOrUndefined(cache.file) : undefined
  const script = new Script(source, { filename, cachedData })
  if (cache?.write && (!cachedData || script.cachedDataRejected)) {
    if (toSave.length === 0) process.once('exit', saveAll)
    toSave.push({ cache, script })
  }
  return script
}

function saveAll(): void {
  for (const { cache, script } of toSave.splice(0)) if (writeCacheFile(cache.dir, cache.file, script.createCachedData())) cache.saved?.()
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}
