// How tsplay starts: the program is one CommonJS bundle (dist/cli/main.cjs, scripts/build.mjs) that V8
// compiles from its code cache when there is one. Compiling ~1 MB of JavaScript, and each function again
// on its first call, cost every run ~50 ms of the one controller core that also runs the SSH handshakes;
// from the cache it takes a few. (Node 22's module.enableCompileCache does this; node 20 has no such
// thing.) The cache is written at the end of the first `run` or `exec` of a build, so it holds what a run
// compiles (other verbs read it, never write it: `--version` would leave a cache of a few functions), and
// it replaces the one of the previous build. No usable cache dir (cache-dir.ts), or a cache V8 rejects:
// compiled as usual.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { trustedCacheDir } from '../util/cache-dir.js'
import { compileCached } from '../util/code-cache.js'

export interface Program {
  main(argv: string[]): Promise<number>
}

/** Loads and runs the bundle at `bundle` (an absolute path); returns its exports. */
export function boot(bundle: string): Program {
  boundHeapGrowth()
  keepBytecode()
  const dir = trustedCacheDir()
  const bytes = readFileSync(bundle) // hashed as bytes: a 2 MB string would be encoded to UTF-8 again first
  // one family per installed bundle and node version; one file per text of the bundle (V8 checks only a
  // cache's source length: a same-size rebuild must not run the old build's code)
  const family = `code-${digest(bundle)}-${process.version}-`
  const file = dir && join(dir, `${family}${digest(bytes)}.bin`)
  const source = bytes.toString('utf8')
  const write = process.argv[2] === 'run' || process.argv[2] === 'exec'
  const script = compileCached(Module.wrap(source), bundle, dir && file ? { dir, file, write, saved: () => removeOthers(dir, family, file) } : undefined)
  const module = { exports: {} as Program }
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle))
  return module.exports
}

// A run keeps ~40 KB per host alive, but every task allocates ~80 KB per host that lives as long as its round
// trip, so it outlives the young generation and is garbage only in the old one; V8's default lets that grow
// to 3-4× the live heap before marking it (1,000 hosts: 70 MB live, 300+ MB peak). Growing by half at most
// keeps the 1,000-host peak near 210 MB for a few more, short, mark-compacts (none at 20 hosts, 2 more at
// 200). V8 reads this flag at every collection, so setting it here works; one given by the user stays.
function boundHeapGrowth(): void {
  if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=50')
}

// V8 drops the bytecode of functions that have not run for a while (at a GC), so the code cache written at
// exit lacked much of what start-up runs, the bundle's top level included: every start then parsed the 2 MB
// bundle again (~25 ms) before a host could be connected. Kept, the cache holds it all (1.4 MB instead of
// 0.9 MB; one task on one host: 12 % less wall, 16 % less CPU; 20 hosts: 5 % less wall, side by side). Set
// before the bundle is compiled: V8 accepts a code cache only under the flags it was made with.
function keepBytecode(): void {
  setFlagsFromString('--no-flush-bytecode')
}

const digest = (text: string | Buffer) => createHash('sha256').update(text).digest('hex').slice(0, 16)

/** The caches of this bundle's earlier builds. */
function removeOthers(dir: string, family: string, file: string): void {
  try {
    for (const name of readdirSync(dir)) if (name.startsWith(family) && name.endsWith('.bin') && join(dir, name) !== file) rmSync(join(dir, name), { force: true })
  } catch {
    /* an old cache left: harmless */
  }
}
