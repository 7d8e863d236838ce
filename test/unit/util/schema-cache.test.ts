import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cacheDir } from '../../../src/util/cache-dir.js'
import { compileSchema } from '../../../src/util/schema-cache.js'

const options = { allErrors: true, verbose: true, strict: false }
const item = { $id: 'item.schema.json', type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 3 } } }
const list = { $id: 'list.schema.json', type: 'array', items: { $ref: 'item.schema.json' } }
const bad = [{ name: 'toolong' }, { nam: 1 }]

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tsplay-schema-cache-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function errorsOf(dir: string | undefined): unknown {
  const validate = compileSchema(options, [item, list], 'list.schema.json', dir)
  expect(validate(bad)).toBe(false)
  return validate.errors
}

describe('compileSchema', () => {
  it('stores standalone code once and gives the same errors from the cache as from a fresh compile', () => {
    const dir = tempDir()
    const fresh = errorsOf(undefined)
    expect(errorsOf(dir)).toEqual(fresh) // compiled, then stored
    const files = readdirSync(dir)
    expect(files).toHaveLength(1)
    expect(errorsOf(dir)).toEqual(fresh) // loaded from the file (it uses ajv's runtime ucs2length for maxLength)
    expect(readdirSync(dir)).toEqual(files)
  })

  it('a changed schema gets its own entry', () => {
    const dir = tempDir()
    compileSchema(options, [item])
    compileSchema(options, [item], undefined, dir)
    compileSchema(options, [{ ...item, required: [] }], undefined, dir)
    expect(readdirSync(dir)).toHaveLength(2)
  })

  it('a corrupt cache file is compiled again, and replaced', () => {
    const dir = tempDir()
    compileSchema(options, [item], undefined, dir)
    const [file] = readdirSync(dir)
    writeFileSync(join(dir, file), 'module.exports = 42')
    const validate = compileSchema(options, [item], undefined, dir)
    expect(validate({ name: 'abcd' })).toBe(false)
    expect(compileSchema(options, [item], undefined, dir)({ name: 'abc' })).toBe(true)
  })

  it('an unwritable cache dir still validates', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'file'), '')
    const validate = compileSchema(options, [item], undefined, join(dir, 'file', 'sub'))
    expect(validate({})).toBe(false)
  })

  it('TSPLAY_CACHE_DIR picks the dir; empty turns the cache off', () => {
    expect(cacheDir({ TSPLAY_CACHE_DIR: '/x' })).toBe('/x')
    expect(cacheDir({ TSPLAY_CACHE_DIR: '' })).toBeUndefined()
    expect(cacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/tsplay')
  })
})
