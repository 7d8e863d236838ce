// Vault-encrypted controller files through `tsplay run`: copy sends them decrypted (binary bytes whole) and
// the file lookup reads them, with the run's vault password; without it the task fails saying so.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTsplay } from '../run-tsplay.js'

let dir: string
const binary = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 10, 13, 0x7f])

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-vaulted-files-'))
  writeFileSync(join(dir, 'pass'), 'a vault password\n')
  mkdirSync(join(dir, 'out'))
  writeFileSync(join(dir, 'blob.bin'), binary)
  writeFileSync(join(dir, 'note.txt'), 'vaulted text\n')
  for (const f of ['blob.bin', 'note.txt']) {
    const r = await runTsplay(['vault', 'encrypt', '--vault-password-file', join(dir, 'pass'), join(dir, f)])
    expect(r.code, r.stderr).toBe(0)
  }
  writeFileSync(
    join(dir, 'site.yml'),
    `- hosts: localhost\n  gather_facts: false\n  tasks:\n` +
      `    - copy: { src: blob.bin, dest: "${dir}/out/blob.bin" }\n` +
      `    - copy: { content: "{{ lookup('file', 'note.txt') }}", dest: "${dir}/out/note.txt" }\n`,
  )
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('vault-encrypted files', () => {
  it('are copied decrypted, byte for byte, and read by the file lookup', async () => {
    const r = await runTsplay(['run', 'site.yml', '--vault-password-file', 'pass'], { cwd: dir })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(readFileSync(join(dir, 'out/blob.bin'))).toEqual(binary)
    expect(readFileSync(join(dir, 'out/note.txt'), 'utf8')).toBe('vaulted text')
  })

  it('fail the task without the vault password, saying so', async () => {
    const r = await runTsplay(['run', 'site.yml'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/vault password/)
  })
})
