// fetch: a remote file to the controller (dest/<host>/<path>, or dest itself with flat=yes), transferred
// only when the local copy's sha1 differs. Results, messages and check mode (skipped) are Ansible's fetch
// action's: checksum/remote_checksum are sha1, md5sum is the local copy's. A leading ~ in src is the home of
// the user the task runs as (the become user with become), as Ansible expands it.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join, normalize } from 'node:path'
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { assignPath } from './lib/host-path.js'
import { changed, failed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule, type TaskResult } from './types.js'

export interface FetchArgs {
  src?: unknown
  dest?: unknown
  flat: boolean
  fail_on_missing: boolean
  validate_checksum: boolean
}

// what is at $p: missing, a directory, unreadable, stat's own error (EACCES on the way, ENOTDIR), or a
// file with its sha1; symlinks followed (Ansible stats with follow=True)
const PROBE = String.raw`tp_enc "$p"; printf '__TSPLAY__ id=src path=%s\n' "$_e"
if ! _s=$(LC_ALL=C stat -L -c %F -- "$p" 2>&1); then
  case $_s in *'No such file or directory') echo '__TSPLAY__ id=r state=missing' ;;
  *) printf '__TSPLAY__ id=r state=err err=%s\n' "$(tp_b64 "${'$'}{_s##*: }")" ;; esac
elif [ -d "$p" ]; then echo '__TSPLAY__ id=r state=dir'
elif [ ! -r "$p" ]; then echo '__TSPLAY__ id=r state=unreadable'
else _c=$(sha1sum < "$p") || exit 1; printf '__TSPLAY__ id=r state=file sha=%s\n' "${'$'}{_c%% *}"; fi`

/** sh setting $p to src with a leading ~ or ~user expanded on the host (nothing else: Ansible's fetch expands only that). */
function assignSrc(src: string): string {
  if (!src.startsWith('~')) return `p=${quote(src)}`
  const cut = src.indexOf('/')
  const head = cut < 0 ? src : src.slice(0, cut)
  if (head.includes('$')) return `p=${quote(src)}`
  return `${assignPath('p', head)}\np="$p"${quote(cut < 0 ? '' : src.slice(cut))}`
}

const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex')
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex')

export const fetch = defineModule<FetchArgs>({
  name: 'fetch',
  schema: {
    type: 'object',
    additionalProperties: false,
    // src and dest are checked by run(), in Ansible's words
    requiredInRun: ['src', 'dest'],
    properties: {
      src: {},
      dest: {},
      flat: { type: 'boolean', default: false },
      fail_on_missing: { type: 'boolean', default: true },
      validate_checksum: { type: 'boolean', default: true },
    },
  },
  async run(ctx, a): Promise<TaskResult> {
    if (ctx.check) return { status: 'skipped', msg: 'check mode not (yet) supported for this module', data: {} }
    let msg = ''
    if (typeof a.src !== 'string') msg = 'Invalid type supplied for source option, it must be a string'
    if (typeof a.dest !== 'string') msg = 'Invalid type supplied for dest option, it must be a string'
    if (a.src == null || a.dest == null) msg = 'src and dest are required'
    if (msg) throw new ModuleError(msg)
    const dest = a.dest as string
    const r = await runSnippet(ctx, `${assignSrc(a.src as string)}\n${PROBE}`)
    const src = decode64(r.byId.src?.path)
    const st = r.byId.r ?? {}
    const missingOk = (m?: string): TaskResult => ok(m, { file: src })
    // without become Ansible stats first (stat's error, a directory); with become it slurps straight away
    if (st.state === 'err') {
      const err = decode64(st.err)
      if (ctx.become) {
        const slurpMsg = /Permission denied/.test(err) ? `file is not readable: ${src}` : `unable to slurp file: ${err}`
        return a.fail_on_missing ? failed(slurpMsg, { file: src }) : missingOk()
      }
      const why = `Failed to get information on remote file (${src}): ${err}`
      return a.fail_on_missing ? failed(why, { file: src }) : missingOk(`${why}, ignored`)
    }
    if (st.state === 'dir') {
      const why = 'remote file is a directory, fetch cannot work on directories'
      if (a.fail_on_missing) return failed(why, { file: src })
      return ctx.become ? missingOk(why) : ok(`${why}, not transferring, ignored`, {})
    }
    if (st.state === 'missing') {
      const why = 'the remote file does not exist, not transferring, ignored'
      return a.fail_on_missing ? failed(why, { file: src }) : missingOk(why)
    }
    if (st.state === 'unreadable') return a.fail_on_missing ? failed(`file is not readable: ${src}`, { file: src }) : missingOk()
    const remoteSha = st.sha

    let local: string
    const base = (d: string) => (d.startsWith('~') ? homedir() + d.slice(1) : isAbsolute(d) ? d : join(String(ctx.vars.playbook_dir ?? process.cwd()), d))
    if (a.flat) {
      if (!dest.endsWith('/') && existsSync(dest) && statSync(dest).isDirectory())
        throw new ModuleError('dest is an existing directory, use a trailing slash if you want to fetch src into that directory')
      local = base(dest.endsWith('/') ? join(dest, src.split('/').pop() as string) : dest)
    } else {
      local = `${base(dest)}/${String(ctx.vars.inventory_hostname ?? ctx.host)}/${src}`
    }
    local = normalize(local).replace(/(.)\/+$/, '$1')
    const have = existsSync(local) && statSync(local).isFile() ? readFileSync(local) : undefined
    if (have && sha1(have) === remoteSha) return ok(undefined, { md5sum: md5(have), file: src, dest: local, checksum: remoteSha })
    const bytes = await ctx.conn.get(src, { become: ctx.become })
    mkdirSync(dirname(local), { recursive: true })
    const tmp = `${local}.${randomBytes(4).toString('hex')}.tmp`
    try {
      writeFileSync(tmp, bytes)
      renameSync(tmp, local) // onto a directory it fails: the temp file goes, the error stays
    } catch (error) {
      rmSync(tmp, { force: true })
      throw new ModuleError(`cannot write ${local}: ${(error as Error).message}`)
    }
    const data = { md5sum: md5(bytes), dest: local, remote_md5sum: null, checksum: sha1(bytes), remote_checksum: remoteSha }
    if (a.validate_checksum && data.checksum !== remoteSha) return failed('checksum mismatch', { ...data, file: src })
    return changed(undefined, data, ctx.diff ? [{ path: local, before: have ? '(old content)' : '', after: `fetched from ${ctx.host}:${src}\n` }] : undefined)
  },
})
