// stat: Ansible's record of a path (os.stat fields, access, link, checksum, mime type, attributes) in one
// round trip; never changes anything.
import { ModuleError } from '../errors.js'
import { ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { parseStat, statScript } from './lib/stat-info.js'
import { defineModule } from './types.js'

export interface StatArgs {
  path: string
  follow: boolean
  get_checksum: boolean
  get_md5: boolean
  get_mime: boolean
  get_attributes: boolean
  checksum_algorithm: 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512'
}

export const stat = defineModule<StatArgs>({
  name: 'stat',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: { type: 'string', aliases: ['dest', 'name'] },
      follow: { type: 'boolean', default: false },
      get_checksum: { type: 'boolean', default: true },
      get_md5: { type: 'boolean', default: false }, // undocumented in Ansible, kept for old content
      checksum_algorithm: { enum: ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'], default: 'sha1', aliases: ['checksum', 'checksum_algo'] },
      get_mime: { type: 'boolean', default: true, aliases: ['mime', 'mime_type', 'mime-type'] },
      get_attributes: { type: 'boolean', default: true, aliases: ['attr', 'attributes'] },
    },
  },
  async run(ctx, a) {
    const opts = { follow: a.follow, checksum: a.get_checksum ? a.checksum_algorithm : '', md5: a.get_md5, mime: a.get_mime, attributes: a.get_attributes }
    const res = await runSnippet(ctx, statScript(a.path, opts))
    const { stat: st, error } = parseStat(res.stdout, a.path, opts, decode64)
    if (error !== undefined || !st) throw new ModuleError(error ?? 'stat failed')
    return ok(undefined, { stat: st })
  },
})
