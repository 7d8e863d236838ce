// fetch: a remote file to the controller (dest/<host>/<path>, or dest itself with flat=yes),
// transferred only when the local copy's sha256 differs.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { changed, ok } from './lib/result.js'
import { runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface FetchArgs {
  src: string
  dest: string
  flat: boolean
  fail_on_missing: boolean
  validate_checksum: boolean
}

export const fetch = defineModule<FetchArgs>({
  name: 'fetch',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['src', 'dest'],
    properties: {
      src: { type: 'string' },
      dest: { type: 'string' },
      flat: { type: 'boolean', default: false },
      fail_on_missing: { type: 'boolean', default: true },
      validate_checksum: { type: 'boolean', default: true },
    },
  },
  async run(ctx, a) {
    const local = a.flat
      ? a.dest.endsWith('/') ? join(a.dest, a.src.split('/').pop() as string) : a.dest
      : join(a.dest, ctx.host, a.src.startsWith('/') ? a.src : `/${a.src}`)
    const r = (await runSnippet(ctx, `tp_probe s ${quote(a.src)} sha256 || exit 1`)).byId.s
    const data: Record<string, unknown> = { dest: local, file: a.src }
    if (r.exists !== '1' || r.type === 'd') {
      const why = r.exists !== '1' ? 'the remote file does not exist' : 'remote file is a directory, fetch cannot work on directories'
      if (a.fail_on_missing || r.type === 'd') throw new ModuleError(`${why}: ${a.src}`)
      return ok(`${why}, not transferring, ignored`, data)
    }
    const have = existsSync(local) ? createHash('sha256').update(readFileSync(local)).digest('hex') : undefined
    data.checksum_sha256 = r.sha
    if (have === r.sha) return ok(undefined, data)
    if (ctx.check) return changed(`${local} would be fetched`, data)
    const bytes = await ctx.conn.get(a.src, { become: ctx.become })
    const got = createHash('sha256').update(bytes).digest('hex')
    if (a.validate_checksum && got !== r.sha) throw new ModuleError(`checksum mismatch after transfer of ${a.src}: the file changed on the host while it was read`)
    mkdirSync(dirname(local), { recursive: true })
    const tmp = `${local}.${randomBytes(4).toString('hex')}.tmp`
    writeFileSync(tmp, bytes)
    renameSync(tmp, local)
    return changed(`fetched ${a.src}`, data, ctx.diff ? [{ path: local, before: have ? '(old content)' : '', after: `fetched from ${ctx.host}:${a.src}\n` }] : undefined)
  },
})
