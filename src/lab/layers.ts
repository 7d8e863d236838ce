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

/**
 * Makes `target` an empty opaque directory (trusted.overlay.opaque=y): it hides the machine's
 * directory below it completely, including files created there later. Node cannot set xattrs, so
 * overlayfs does it: a directory made where a lower one was just removed is opaque. `scratch`
 * must be on the same filesystem as `target` (a rename moves the result into place).
 */
export async function makeOpaqueDir(scratch: string, target: string): Promise<void> {
  const s = (p: string) => quote(join(scratch, p))
  const script = [
    `mkdir -p ${s('lower/d')} ${s('upper')} ${s('work')} ${s('merged')}`,
    `mount -t overlay tsplay-opaque -o lowerdir=${s('lower')},upperdir=${s('upper')},workdir=${s('work')} ${s('merged')}`,
    `rc=0; { rmdir ${s('merged/d')} && mkdir ${s('merged/d')}; } || rc=$?`,
    `umount ${s('merged')}`,
    `[ $rc = 0 ] && mv ${s('upper/d')} ${quote(target)}; rc=$?`,
    `rm -rf ${quote(scratch)}`,
    'exit $rc',
  ]
  await exec('/bin/sh', ['-c', script.join('\n')])
}
