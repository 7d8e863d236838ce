import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VaultError } from '../../../src/errors.js'
import { editInEditor, writeFileAtomic } from '../../../src/vault/files.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-files-test-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('writeFileAtomic', () => {
  it('replaces a file whole, with the exact mode asked for', () => {
    const file = join(dir, 'f')
    writeFileSync(file, 'old')
    writeFileAtomic(file, 'new', 0o640)
    expect(readFileSync(file, 'utf8')).toBe('new')
    expect(statSync(file).mode & 0o777).toBe(0o640)
    expect(readdirSync(dir)).toEqual(['f'])
  })

  it('on failure leaves the target as it was and no temp file behind', () => {
    const target = join(dir, 'busy')
    mkdirSync(target)
    writeFileSync(join(target, 'keep'), 'x') // renaming a file onto a non-empty directory fails
    expect(() => writeFileAtomic(target, 'secret plaintext')).toThrowError(VaultError)
    expect(readdirSync(dir)).toEqual(['busy'])
    expect(readdirSync(target)).toEqual(['keep'])
    expect(() => writeFileAtomic(join(dir, 'missing', 'f'), 'x')).toThrowError(/could not write .*ENOENT/)
  })
})

describe('editInEditor', () => {
  it('passes the file as an argument (never shell text), and removes the plaintext afterwards', () => {
    const seen = join(dir, 'seen')
    const env = { PATH: process.env.PATH, EDITOR: `sh -c 'cp "$1" ${seen}; printf edited > "$1"; echo "$1" >> ${seen}' ed` }
    const out = editInEditor(Buffer.from('before'), 'x.yml', env)
    expect(out.toString()).toBe('edited')
    const [content, path] = readFileSync(seen, 'utf8').split(/(?<=before)/)
    expect(content).toBe('before')
    expect(path.trim()).toMatch(/tsplay-vault-.*\/edit\.yml$/)
    expect(() => statSync(path.trim())).toThrowError()
  })

  it('saves nothing when the editor fails', () => {
    expect(() => editInEditor(Buffer.from('a'), 'x', { PATH: process.env.PATH, EDITOR: 'false' })).toThrowError(/nothing was saved/)
  })
})
