// Helpers to build overlay lower layers that look like the machine's own tree where they overlap:
// in overlayfs the topmost layer holding a directory decides its mode and owner.
import { chmodSync, chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { exec } from './exec.js'
import { quote } from '../util/shell-quote.js'

export interface Owner {
  uid: number
  gid: number
}

/** mkdir -p inside `layer`, copying mode and owner of the machine's directory at the same path. */
export function mkdirLike(layer: string, rel: string, fallback: Owner & { mode: number } = { uid: 0, gid: 0, mode: 0o755 }): string {
  let path = layer
  for (const part of rel.split('/').filter(Boolean)) {
    path = join(path, part)
    const real = join('/', path.slice(layer.length))
    let meta = fallback
    try {
      const st = statSync(real)
      if (st.isDirectory()) meta = { uid: st.uid, gid: st.gid, mode: st.mode & 0o7777 }
    } catch {
      /* not on the machine: use the fallback */
    }
    try {
      mkdirSync(path, { mode: meta.mode })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw error
    }
    chownSync(path, meta.uid, meta.gid)
    chmodSync(path, meta.mode) // mkdir's mode is filtered by umask; chmod's is not
  }
  return path
}

export function writeLayerFile(layer: string, rel: string, content: string, mode = 0o644, owner: Owner = { uid: 0, gid: 0 }): void {
  mkdirLike(layer, dirname(rel))
  const path = join(layer, rel)
  writeFileSync(path, content)
  chownSync(path, owner.uid, owner.gid)
  chmodSync(path, mode)
}

/** Names in the machine's directory `rel` (absolute path) that are not in `keep`. */
export function machineEntriesExcept(rel: string, keep: string[]): string[] {
  try {
    return readdirSync(rel).filter((n) => !keep.includes(n))
  } catch {
    return []
  }
}

/** Whiteouts (0:0 character devices) hide the machine's files below this layer. One shell, many paths. */
export async function whiteout(layer: string, rels: string[]): Promise<void> {
  if (rels.length === 0) return
  const lines = rels.map((rel) => `mknod ${quote(join(layer, rel))} c 0 0`)
  await exec('/bin/sh', ['-e', '-c', lines.join('\n')])
}
