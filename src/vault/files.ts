// File handling for the vault verbs: atomic replacement (temp file in the same directory + rename, so a
// reader sees the old file or the new one, never half of either), and editing plaintext in $EDITOR in a
// private temp directory that is overwritten and removed afterwards.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, fchmodSync, fsyncSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join } from 'node:path'
import { VaultError } from '../errors.js'

/** Writes data to path through a temp file + rename. New files get `mode` (0600 like ansible-vault). */
export function writeFileAtomic(path: string, data: Buffer | string, mode = 0o600): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(temp, 'wx', 0o600)
    fchmodSync(fd, mode) // exact bits, whatever the umask (a kept 0640 must stay 0640)
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, path)
  } catch (error) {
    if (fd !== undefined) closeSync(fd)
    rmSync(temp, { force: true })
    throw new VaultError(`could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

/** The permission bits of an existing file, to keep them when it is replaced (edit, rekey). */
export function modeOf(path: string): number {
  return statSync(path).mode & 0o7777
}

export function readFileForVault(path: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    throw new VaultError(`could not read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

/** Overwrites a plaintext temp file before unlinking it (best effort, like ansible's shred fallback). */
export function shredFile(path: string): void {
  try {
    const size = statSync(path).size
    if (size > 0) writeFileSync(path, randomBytes(size))
    unlinkSync(path)
  } catch {
    // already gone
  }
}

/**
 * Opens `initial` in $EDITOR (default vi) and returns the saved content. The editor string is run by
 * sh like git does (`$EDITOR "$@"`), so `EDITOR="code --wait"` works; the file name is an argument,
 * never part of the shell text.
 */
export function editInEditor(initial: Buffer, nameHint: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-vault-'))
  const file = join(dir, `edit${extname(nameHint)}`)
  try {
    writeFileSync(file, initial, { mode: 0o600 })
    const editor = env.EDITOR || env.VISUAL || 'vi'
    const result = spawnSync('/bin/sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit', env })
    if (result.error) throw new VaultError(`could not run the editor '${editor}': ${result.error.message}`)
    if (result.status !== 0) {
      throw new VaultError(`the editor '${editor}' exited with ${result.signal ?? `status ${result.status}`}; nothing was saved`)
    }
    return readFileSync(file)
  } finally {
    shredFile(file)
    rmSync(dir, { recursive: true, force: true })
  }
}
