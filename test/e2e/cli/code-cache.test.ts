// bin/tsplay.js compiles the bundle from V8's code cache (src/cli/boot.ts): written by the first run of a
// build, read (not rewritten) by the next, rewritten when V8 rejects it; other verbs never write one. The
// schema validators cached beside it (util/schema-cache.ts) get a code cache each the same way.
// No lab hosts: a playbook on localhost over `-c local`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTsplay } from '../run-tsplay.js'

let dir: string
let cache: string
let playbook: string

const codeFiles = () => readdirSync(cache).filter((f) => /^code-.*\.bin$/.test(f))
const tsplay = (args: string[]) => runTsplay(args, { cwd: dir, env: { TSPLAY_CACHE_DIR: cache } })
const run = () => tsplay(['run', playbook, '-i', 'localhost,', '-c', 'local'])

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-code-cache-'))
  cache = join(dir, 'cache')
  playbook = join(dir, 'p.yml')
  writeFileSync(playbook, "- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: { msg: \"{{ 'cached' | upper }}\" }\n")
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the code cache', () => {
  it('is not written by --version', async () => {
    expect((await tsplay(['--version'])).code).toBe(0)
    expect(() => codeFiles()).toThrow() // the cache dir is not even made
  })

  it('is written by the first run, then read and kept as it is', async () => {
    const first = await run()
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('"msg": "CACHED"')
    const [file] = codeFiles()
    expect(codeFiles()).toHaveLength(1)
    const written = statSync(join(cache, file))
    expect(written.size).toBeGreaterThan(100_000) // what the run compiled, not a few functions
    expect(written.mode & 0o777).toBe(0o600)
    const second = await run()
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('"msg": "CACHED"')
    expect(codeFiles()).toEqual([file])
    expect(statSync(join(cache, file)).mtimeMs).toBe(written.mtimeMs)
  })

  it('one V8 rejects (here: garbage) is compiled around and rewritten', async () => {
    const [file] = codeFiles()
    writeFileSync(join(cache, file), 'not a code cache')
    const r = await run()
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('"msg": "CACHED"')
    expect(readFileSync(join(cache, file), 'utf8')).not.toBe('not a code cache')
  })

  it('is replaced, not added to, when the bundle changes', async () => {
    const [file] = codeFiles()
    const stale = file.replace(/[0-9a-f]{16}\.bin$/, '0000000000000000.bin') // the same install, an older build
    expect(stale).not.toBe(file)
    writeFileSync(join(cache, stale), 'an older build')
    rmSync(join(cache, file))
    expect((await run()).code).toBe(0)
    expect(codeFiles()).toEqual([file])
  })

  it('holds one for each schema validator the run used, kept, and rewritten when rejected', async () => {
    const bins = () => readdirSync(cache).filter((f) => /^ajv-.*\.bin$/.test(f)).sort()
    const validators = readdirSync(cache).filter((f) => /^ajv-.*\.cjs$/.test(f))
    expect(validators.length).toBeGreaterThan(0) // the playbook's and the debug module's at least
    expect(bins().map((f) => f.replace(/\.[0-9a-f]{16}\.bin$/, '.cjs'))).toEqual(validators.sort()) // one beside each validator
    const mtimes = bins().map((f) => statSync(join(cache, f)).mtimeMs)
    expect((await run()).code).toBe(0)
    expect(bins().map((f) => statSync(join(cache, f)).mtimeMs)).toEqual(mtimes)
    for (const f of bins()) writeFileSync(join(cache, f), 'not a code cache')
    const r = await run()
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('"msg": "CACHED"')
    for (const f of bins()) expect(readFileSync(join(cache, f), 'utf8')).not.toBe('not a code cache')
  })
})
