// copy: a file from the controller (src), inline content, or a path on the host (remote_src) to dest.
import { statSync } from 'node:fs'
import { basename } from 'node:path'
import { ModuleError } from '../errors.js'
import { copyDir } from './lib/copy-dir.js'
import { ensureFile } from './lib/ensure-file.js'
import { remoteCopyDir } from './lib/remote-copy-dir.js'
import { findLocal, readLocalDecrypted } from './lib/local-files.js'
import { defineModule, type TaskResult } from './types.js'

export interface CopyArgs {
  src?: string
  content?: string
  dest?: string
  mode?: string | number
  owner?: string
  group?: string
  backup: boolean
  force: boolean
  remote_src: boolean
  validate?: string
  directory_mode?: string | number
  local_follow: boolean
  follow?: boolean
  decrypt?: boolean
}

export const fileAttrProps = {
  mode: { type: ['string', 'integer'] },
  owner: { type: 'string' },
  group: { type: 'string' },
} as const

export const copy = defineModule<CopyArgs>({
  name: 'copy',
  schema: {
    type: 'object',
    additionalProperties: false,
    // src/content/dest are checked by run(), in the order and words of Ansible's copy action
    requiredInRun: ['dest'],
    properties: {
      src: { type: 'string' },
      content: { type: 'string', binary: true },
      dest: { type: 'string', aliases: ['path'] },
      ...fileAttrProps,
      backup: { type: 'boolean', default: false },
      force: { type: 'boolean', default: true, aliases: ['thirsty'] },
      remote_src: { type: 'boolean', default: false },
      validate: { type: 'string' },
      follow: { type: 'boolean' },
      local_follow: { type: 'boolean', default: true },
      directory_mode: { type: ['string', 'integer'] },
      decrypt: { type: 'boolean' },
    },
  },
  async run(ctx, a) {
    if (!a.src && a.content === undefined) throw new ModuleError('src (or content) is required')
    if (!a.dest) throw new ModuleError('dest is required')
    if (a.src && a.content !== undefined) throw new ModuleError('src and content are mutually exclusive')
    if (a.content !== undefined && a.dest.endsWith('/')) throw new ModuleError('can not use content with a dir as dest')
    // follow (default no, as in Ansible): a symlink at dest is replaced by the file, unless it is followed;
    // report: Ansible's copy result keys (checksum, md5sum, size, mode, owner, group, uid, gid, state)
    const common = { dest: a.dest, mode: a.mode, owner: a.owner, group: a.group, backup: a.backup, force: a.force, validate: a.validate, follow: a.follow === true, report: true }
    if (a.content !== undefined) {
      // Ansible writes content to a private temp file (0600) first, whose mode preserve then keeps
      if (a.mode === 'preserve') common.mode = '0600'
      return ensureFile(ctx, { ...common, content: Buffer.from(a.content, 'utf8'), isDirMsg: 'can not use content with a dir as dest' })
    }
    const src = a.src as string
    if (a.remote_src) {
      const dir = () => remoteCopyDir(ctx, { src, dest: a.dest as string, localFollow: a.local_follow, owner: a.owner, group: a.group, mode: a.mode })
      if (src.endsWith('/')) return dir()
      return withSrc(await ensureFile(ctx, { ...common, remoteSrc: src, basename: basename(src), remoteDir: dir }), src)
    }
    const local = findLocal(ctx, src, 'files')
    // mode=preserve: the controller file's own mode
    if (a.mode === 'preserve') common.mode = (statSync(local).mode & 0o7777).toString(8).padStart(4, '0')
    if (statSync(local).isDirectory()) {
      return copyDir(ctx, { ...common, src: local, contentsOnly: src.endsWith('/'), directory_mode: a.directory_mode, localFollow: a.local_follow, read: (p) => readLocalDecrypted(ctx, p, a.decrypt !== false) })
    }
    // Ansible's src is its remote temp copy of the file
    return withSrc(await ensureFile(ctx, { ...common, content: readLocalDecrypted(ctx, local, a.decrypt !== false), basename: basename(src) }), local)
  },
})

const withSrc = (r: TaskResult, src: string): TaskResult => (r.status === 'failed' ? r : { ...r, data: { ...r.data, src } })
