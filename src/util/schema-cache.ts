// JSON Schema validators compiled once per machine: ajv's compile of the playbook and module schemas
// cost ~250 ms of CPU on every run (bench/run.ts); its standalone code, cached on disk (with V8's code
// cache of it beside: code-cache.ts), loads in a few ms. The cache key covers ajv's version, the options
// and the schemas, so a changed schema recompiles.
// Any cache problem (unwritable home, corrupt file) falls back to compiling in memory.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Ajv, Options, ValidateFunction } from 'ajv'
import { trustedCacheDir, writeCacheFile } from './cache-dir.js'
import { compileCached, type CodeCache } from './code-cache.js'

// CommonJS on purpose: ajv (and the runtime helpers the generated code requires) load synchronously,
// and only on a cache miss.
const require = createRequire(import.meta.url)

let ajvVersion: string | undefined

/**
 * A validator for `ref` (the `$id` of one of `schemas`), or for `schemas[0]` when no ref is given:
 * from the disk cache when there, otherwise compiled (and cached for the next run).
 */
export function compileSchema(options: Options, schemas: object[], ref?: string, dir = trustedCacheDir()): ValidateFunction {
  ajvVersion ??= (require('ajv/package.json') as { version: string }).version
  const key = createHash('sha256').update(JSON.stringify([ajvVersion, options, schemas, ref ?? null])).digest('hex').slice(0, 32)
  const file = dir && join(dir, `ajv-${key}.cjs`)
  if (dir && file) {
    try {
      const code = readFileSync(file, 'utf8')
      // the code cache is named for this text (a .cjs rewritten after a failed load must not meet it)
      const text = createHash('sha256').update(code).digest('hex').slice(0, 16)
      return load(code, file, { dir, file: join(dir, `ajv-${key}.${text}.bin`), write: true })
    } catch {
      /* not cached yet */
    }
  }
  const { Ajv: AjvClass } = require('ajv') as { Ajv: new (o: Options) => Ajv }
  const ajv = new AjvClass({ ...options, code: { ...options.code, source: file !== undefined } })
  let validate: ValidateFunction
  if (ref) {
    for (const s of schemas) ajv.addSchema(s)
    validate = ajv.getSchema(ref)!
  } else {
    validate = ajv.compile(schemas[0])
  }
  if (file) store(dir, file, ajv, validate)
  return validate
}

// compiled through V8's code cache (the generated code of the playbook schema alone is ~150 KB)
function load(code: string, filename: string, cache: CodeCache): ValidateFunction {
  const module = { exports: {} as ValidateFunction & { default?: ValidateFunction } }
  compileCached(`(function (require, module, exports) {${code}\n})`, filename, cache).runInThisContext()(require, module, module.exports)
  const validate = module.exports.default ?? module.exports
  if (typeof validate !== 'function') throw new Error('not a validator')
  return validate
}

function store(dir: string, file: string, ajv: Ajv, validate: ValidateFunction): void {
  try {
    const standalone = require('ajv/dist/standalone') as (a: Ajv, v: ValidateFunction) => string
    writeCacheFile(dir, file, standalone(ajv, validate)) // a read-only home: compile again next time
  } catch {
    /* code ajv cannot make standalone: compile again next time */
  }
}
