// Finding `src:` files on the controller: absolute, or under each search path (and its files/ or templates/).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { ModuleError } from '../../errors.js'
import type { ModuleContext } from '../types.js'

export function findLocal(ctx: ModuleContext, src: string, subdir: 'files' | 'templates'): string {
  if (isAbsolute(src)) {
    if (!existsSync(src)) throw new ModuleError(`Could not find or access '${src}' on the controller`)
    return src
  }
  const tried: string[] = []
  for (const base of ctx.searchPaths.length ? ctx.searchPaths : [process.cwd()]) {
    for (const candidate of [join(base, subdir, src), join(base, src)]) {
      tried.push(candidate)
      if (existsSync(candidate)) return candidate
    }
  }
  throw new ModuleError(`Could not find or access '${src}' on the controller`, `searched: ${tried.join(', ')}`)
}

export function readLocal(path: string): Buffer {
  if (statSync(path).isDirectory()) throw new ModuleError(`'${path}' is a directory`)
  return readFileSync(path)
}

const VAULT = Buffer.from('$ANSIBLE_VAULT;')

/** A controller file's bytes, a vault-encrypted one decrypted (copy's decrypt, default yes) with the run's secrets. */
export function readLocalDecrypted(ctx: ModuleContext, path: string, decrypt = true): Buffer {
  const bytes = readLocal(path)
  if (!decrypt || !bytes.subarray(0, VAULT.length).equals(VAULT)) return bytes
  if (!ctx.decryptVault) throw new ModuleError(`A vault password or secret must be specified to decrypt ${path}`)
  return ctx.decryptVault(bytes.toString('utf8'), path) // bytes: a binary file stays whole
}
