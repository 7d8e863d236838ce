// git: a checkout (or bare clone) of a repository at a version, as Ansible's git module makes it, in one
// round trip: the decisions run on the host (lib/git-script.ts), the controller only quotes the inputs and
// reads the result. Needs git on the host (a module that deploys from git cannot do without it).
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { GIT_SCRIPT } from './lib/git-script.js'
import { gitSchema } from './git-schema.js'
import { assignPath } from './lib/host-path.js'
import { changed, failed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface GitArgs {
  repo: string
  dest?: string
  version: string
  remote: string
  refspec?: string
  reference?: string
  force: boolean
  depth?: number
  clone: boolean
  update: boolean
  verify_commit: boolean
  gpg_whitelist: string[]
  accept_hostkey: boolean
  accept_newhostkey: boolean
  key_file?: string
  ssh_opts?: string
  executable?: string
  bare: boolean
  recursive: boolean
  single_branch: boolean
  track_submodules: boolean
  umask?: string | number
  archive?: string
  archive_prefix?: string
  separate_git_dir?: string
}

/** The ssh options git gets through GIT_SSH_COMMAND, built as Ansible's set_git_ssh_env builds them. */
export function sshOptions(a: GitArgs): string {
  let opts = a.ssh_opts ?? ''
  const add = (o: string) => {
    if (!opts.includes('-o StrictHostKeyChecking=no') && !opts.includes('-o StrictHostKeyChecking=accept-new')) opts = opts ? `${opts} ${o}` : o
  }
  if (a.accept_hostkey) add('-o StrictHostKeyChecking=no')
  if (a.accept_newhostkey) add('-o StrictHostKeyChecking=accept-new')
  let full = ` ${opts}`
  if (a.accept_hostkey && !full.includes('StrictHostKeyChecking=no')) full += ' -o StrictHostKeyChecking=no'
  if (!full.includes('BatchMode=yes')) full += ' -o BatchMode=yes'
  if (a.key_file) {
    // git runs GIT_SSH_COMMAND through sh: a leading ~/ is left for that shell to expand, the rest is quoted
    const key = a.key_file.startsWith('~/') ? `~/${quote(a.key_file.slice(2))}` : quote(a.key_file)
    if (!full.includes(`-i ${a.key_file}`)) full += `  -i ${key}`
    if (!full.includes('IdentitiesOnly=yes')) full += ' -o IdentitiesOnly=yes'
  }
  return full
}

const b = (v: boolean) => (v ? '1' : '')

export const git = defineModule<GitArgs>({
  name: 'git',
  schema: gitSchema,
  async run(ctx, a) {
    if (a.separate_git_dir !== undefined && a.bare) throw new ModuleError('parameters are mutually exclusive: separate_git_dir|bare')
    if (a.accept_hostkey && a.accept_newhostkey) throw new ModuleError('parameters are mutually exclusive: accept_hostkey|accept_newhostkey')
    if (a.archive_prefix !== undefined && a.archive === undefined) throw new ModuleError("missing parameter(s) required by 'archive_prefix': archive")
    if (!a.dest && a.clone) throw new ModuleError('the destination directory must be specified unless clone=no')
    if (typeof a.umask === 'number') throw new ModuleError('umask must be defined as a quoted octal integer')
    if (a.umask !== undefined && !/^[0-7]+$/.test(a.umask)) throw new ModuleError(`git: umask must be an octal integer, not '${a.umask}'`)
    if (a.depth !== undefined && a.depth < 1) a.depth = undefined // "the minimum possible value is 1, otherwise ignored"
    for (const fp of a.gpg_whitelist) if (!/^[0-9A-Fa-f]+$/.test(fp)) throw new ModuleError(`git: gpg_whitelist entry '${fp}' is not a hexadecimal fingerprint`)
    const vars = [
      `G=${quote(a.executable ?? 'git')}`,
      // a path-like repo is made a file:// URL, as Ansible does (depth needs a protocol)
      a.repo.startsWith('/') || a.repo.startsWith('~') ? `${assignPath('REPO', a.repo)}; REPO=file://$REPO` : `REPO=${quote(a.repo)}`,
      a.dest ? `${assignPath('DEST', a.dest)}; case $DEST in /*) ;; *) DEST=$PWD/$DEST ;; esac` : 'DEST=',
      `VERSION=${quote(a.version)}`, `REMOTE=${quote(a.remote)}`, `REFSPEC=${quote(a.refspec ?? '')}`, `REFERENCE=${quote(a.reference ?? '')}`,
      `FORCE=${b(a.force)}`, `DEPTH=${a.depth ?? ''}`, `CLONE=${b(a.clone)}`, `UPDATE=${b(a.update)}`, `BARE=${b(a.bare)}`,
      `RECURSIVE=${b(a.recursive)}`, `SINGLE=${b(a.single_branch)}`, `TRACK=${b(a.track_submodules)}`, `VERIFY=${b(a.verify_commit)}`,
      `GPG_WL=${quote(a.gpg_whitelist.join(' '))}`, `UMASK=${quote(a.umask ?? '')}`, `DIFF=${b(ctx.diff)}`,
      a.archive ? assignPath('ARCHIVE', a.archive) : 'ARCHIVE=',
      a.archive_prefix !== undefined ? `ARCHIVE_PREFIX=${quote(a.archive_prefix)}` : 'unset ARCHIVE_PREFIX',
      a.separate_git_dir ? assignPath('SEP', a.separate_git_dir) : 'SEP=',
      `SSH_OPTS=${quote(sshOptions(a))}`,
    ]
    const r = await runSnippet(ctx, `${vars.join('\n')}\n${GIT_SCRIPT}`, { check: ctx.check, allowFail: true })
    const res = r.byId.git
    const warnings = r.records.filter((x) => x.id === 'warn').map((x) => decode64(x.b64))
    const msg = r.byId.msg ? decode64(r.byId.msg.b64) : undefined
    if (r.rc !== 0 || !res) {
      const err = (r.stderr.trim() || r.stdout.trim() || `exit code ${r.rc}`).split('\n').slice(-8).join('\n')
      // Ansible's failure carries what was known by then (before, for local modifications)
      const before = r.byId.partial ? { before: r.byId.partial.before || null } : {}
      return failed(err, { ...before, ...(warnings.length ? { warnings } : {}) })
    }
    const data: Record<string, unknown> = { before: res.before || null, after: res.after || null, warnings }
    if (res.url !== '') data.remote_url_changed = res.url === '1'
    if (res.sub === '1') data.submodules_changed = true
    if (r.byId.gitdir_before) (data.git_dir_before = decode64(r.byId.gitdir_before.b64)), (data.git_dir_now = decode64(r.byId.gitdir_now.b64))
    if (res.changed !== '1') return ok(msg, data)
    const prepared = r.byId.diff ? decode64(r.byId.diff.b64) : undefined
    // Ansible's git diff is one prepared text; tsplay's diff is before/after: the text goes in after
    if (ctx.diff && prepared !== undefined) data.diff = { prepared }
    const diff = ctx.diff && prepared !== undefined ? [{ path: a.dest ?? a.repo, before: res.before ? `${res.before}\n` : '', after: prepared.endsWith('\n') ? prepared : `${prepared}\n` }] : undefined
    return changed(msg, data, diff)
  },
})
