// stat: facts about a path (exists, type, mode, owner, checksum) in one round trip; never changes anything.
import { quote } from '../util/shell-quote.js'
import { ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface StatArgs {
  path: string
  follow: boolean
  get_checksum: boolean
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
      checksum_algorithm: { enum: ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'], default: 'sha1', aliases: ['checksum', 'checksum_algo'] },
      get_mime: { type: 'boolean' },
      get_attributes: { type: 'boolean' },
    },
  },
  async run(ctx, a) {
    const alg = a.get_checksum ? a.checksum_algorithm : ''
    const p = quote(a.path)
    const body = a.follow
      ? `p=${p}; [ -L "$p" ] && [ -e "$p" ] && p=$(readlink -f -- "$p"); tp_probe s "$p" ${quote(alg)} || exit 1`
      : `tp_probe s ${p} ${quote(alg)} || exit 1`
    const r = (await runSnippet(ctx, body)).byId.s
    if (r.exists !== '1') return ok(undefined, { stat: { exists: false } })
    const mode = parseInt(r.mode, 8)
    const st: Record<string, unknown> = {
      exists: true,
      path: a.path,
      mode: mode.toString(8).padStart(4, '0'),
      isdir: r.type === 'd',
      isreg: r.type === 'f',
      islnk: r.type === 'l',
      uid: Number(r.uid),
      gid: Number(r.gid),
      pw_name: r.user,
      gr_name: r.group,
      size: Number(r.size),
      mtime: Number(r.mtime),
      inode: Number(r.inode),
      readable: true,
      executable: (mode & 0o111) !== 0,
      xusr: (mode & 0o100) !== 0,
      wusr: (mode & 0o200) !== 0,
      rusr: (mode & 0o400) !== 0,
    }
    if (r.sha) st.checksum = r.sha
    if (r.type === 'l') {
      st.lnk_target = decode64(r.target)
      st.lnk_source = st.lnk_target
    }
    return ok(undefined, { stat: st })
  },
})
