// A machine-wide lock file (O_EXCL + owner pid) so concurrent `lab up`s never pick the same subnet
// or race on one lab. A lock whose owner died is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { LabError } from '../errors.js'
import { pidAlive } from './procs.js'

export async function withLock<T>(path: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 })
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (staleLock(path)) continue
      if (Date.now() > deadline) throw new LabError(`timed out waiting for lock ${path}`, 'another tsplay lab command is running')
      await sleep(50)
    }
  }
  try {
    return await fn()
  } finally {
    try {
      unlinkSync(path)
    } catch {
      /* already gone */
    }
  }
}

function staleLock(path: string): boolean {
  let owner = NaN
  try {
    owner = Number(readFileSync(path, 'utf8'))
  } catch {
    return true // vanished between open and read: retry at once
  }
  if (Number.isInteger(owner) && owner > 0 && pidAlive(owner)) return false
  try {
    unlinkSync(path)
  } catch {
    /* someone else took it over */
  }
  return true
}
