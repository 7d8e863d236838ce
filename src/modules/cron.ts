// cron: named jobs (under a `#Ansible: <name>` line) and environment variables in a user's crontab or in a
// cron.d file, edited as Ansible's cron module edits them. One round trip reads the crontab; a change
// costs one more (crontab -u USER - for a user's crontab, ensureFile for a cron file).
import { randomInt } from 'node:crypto'
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import * as tab from './lib/crontab.js'
import { needsExpansion } from './lib/host-path.js'
import { changed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { readTextFile, writeTextFile, type TextFile } from './lib/text-file.js'
import { defineModule, type ModuleContext } from './types.js'
import { cronSchema } from './cron-schema.js'

export interface CronArgs {
  name: string
  user?: string
  job?: string
  state: 'present' | 'absent'
  cron_file?: string
  backup: boolean
  minute: string
  hour: string
  day: string
  month: string
  weekday: string
  special_time?: string
  disabled: boolean
  env: boolean
  insertafter?: string
  insertbefore?: string
}

// the user's crontab: `crontab -l`, with -u only for another user than the one running it (as Ansible)
const READ_USER = String.raw`command -v crontab >/dev/null 2>&1 || tp_fail "cron: crontab not found on the host: install cron (or cronie)"
set --; if [ -n "$u" ] && [ "$u" != "$(id -un)" ]; then set -- -u "$u"; fi
out=$(crontab "$@" -l 2>/dev/null; r=$?; echo x; exit $r); rc=$?
[ $rc -le 1 ] || tp_fail "Unable to read crontab"
printf '__TSPLAY__ id=tab b64=%s\n' "$(printf '%s' "${'$'}{out%x}" | base64 -w0)"`

const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_'

interface Crontab {
  lines: string[]
  existing: string
  file?: TextFile
  header: string
}

async function readCrontab(ctx: ModuleContext, a: CronArgs, cronFile: string | undefined): Promise<Crontab> {
  if (cronFile !== undefined) {
    const file = await readTextFile(ctx, cronFile)
    if (file.probe.exists === '1' && file.probe.type === 'd') throw new ModuleError(`cron: cron_file ${file.path} is a directory`)
    const existing = file.text ?? ''
    return { lines: tab.splitLines(existing), existing, file, header: file.path }
  }
  const r = await runSnippet(ctx, `u=${quote(a.user ?? '')}\n${READ_USER}`)
  const { lines, existing } = tab.stripCrontabHeaders(decode64(r.byId.tab?.b64))
  return { lines, existing, header: a.user ? `crontab for user "${a.user}"` : 'crontab' }
}

async function writeCrontab(ctx: ModuleContext, a: CronArgs, cur: Crontab, text: string): Promise<void> {
  if (cur.file) {
    // Ansible writes cron files under umask 022
    await writeTextFile(ctx, cur.file, text, { mode: cur.file.exists ? undefined : '0644' })
    return
  }
  const body = `u=${quote(a.user ?? '')}\nset --; if [ -n "$u" ] && [ "$u" != "$(id -un)" ]; then set -- -u "$u"; fi\nout=$(crontab "$@" - 2>&1) || tp_fail "$out"`
  await runSnippet(ctx, body, { stdin: text })
}

/** Ansible keeps a copy of the crontab as it was (rendered) in a new file named /tmp/crontabXXXXXXXX. */
async function backupCrontab(ctx: ModuleContext, text: string): Promise<string> {
  const names = Array.from({ length: 5 }, () => quote(`crontab${Array.from({ length: 8 }, () => CHARS[randomInt(CHARS.length)]).join('')}`))
  const r = await runSnippet(ctx, [
    'd=${TMPDIR:-/tmp}; umask 077; set -C; p=',
    `for n in ${names.join(' ')}; do p=$d/$n; { cat > "$p"; } 2>/dev/null && break; p=; done`,
    '[ -n "$p" ] || tp_fail "cannot create a backup file in $d"',
    'tp_enc "$p"; printf \'__TSPLAY__ id=b path=%s\\n\' "$_e"',
  ].join('\n'), { stdin: text })
  return decode64(r.byId.b.path)
}

export const cron = defineModule<CronArgs>({
  name: 'cron',
  schema: cronSchema,
  async run(ctx, a) {
    if (a.insertafter !== undefined && a.insertbefore !== undefined) throw new ModuleError('parameters are mutually exclusive: insertafter|insertbefore')
    const warnings: string[] = []
    let cronFile: string | undefined
    if (a.cron_file !== undefined) {
      if (a.cron_file === '/etc/crontab') throw new ModuleError('Will not manage /etc/crontab via cron_file, see documentation.')
      const base = a.cron_file.slice(a.cron_file.lastIndexOf('/') + 1)
      if (!/^[A-Z0-9_-]+$/i.test(base)) warnings.push(`Filename portion of cron_file ("${base}") should consist solely of upper- and lower-case letters, digits, underscores, and hyphens`)
      cronFile = a.cron_file.startsWith('/') || needsExpansion(a.cron_file) ? a.cron_file : `/etc/cron.d/${a.cron_file}`
    }
    const present = a.state === 'present'
    if (a.special_time && [a.minute, a.hour, a.day, a.month, a.weekday].some((x) => x !== '*')) throw new ModuleError('You must specify time and date fields or special time.')
    if (present) {
      if (cronFile && !a.user) throw new ModuleError('To use cron_file=... parameter you must specify user=... as well')
      if (a.job === undefined) throw new ModuleError("You must specify 'job' to install a new cron job or variable")
      if ((a.insertafter || a.insertbefore) && !a.env) throw new ModuleError('Insertafter and insertbefore parameters are valid only with env=yes')
    }
    if (a.env && a.name.includes(' ')) throw new ModuleError('Invalid name for environment variable')
    const cur = await readCrontab(ctx, a, cronFile)
    const original = tab.render(cur.lines)
    let lines = [...cur.lines]
    let change = false
    if (a.env) {
      const decl = `${a.name}="${a.job}"`
      const old = tab.findEnv(lines, a.name)
      if (present && !old.length) (tab.addEnv(lines, decl, a.insertafter, a.insertbefore), (change = true))
      else if (present && old[1] !== decl) (lines = tab.updateEnv(lines, a.name, decl)), (change = true)
      else if (!present && old.length) (lines = tab.updateEnv(lines, a.name, undefined)), (change = true)
    } else if (present) {
      if (/[\r\n]/.test((a.job as string).replace(/^[\r\n]+|[\r\n]+$/g, ''))) warnings.push('Job should not contain line breaks')
      const job = tab.cronJob({ ...a, job: a.job as string, special: a.special_time, cronFile: !!cronFile })
      const old = tab.findJob(lines, a.name, job)
      if (!old.length) (lines.push(`${tab.HEADER}${a.name}`, job), (change = true))
      if ((old.length && old[1] !== job) || old.length > 2) (lines = tab.updateJob(lines, a.name, job)), (change = true)
    } else if (tab.findJob(lines, a.name).length) {
      lines = tab.updateJob(lines, a.name, undefined)
      change = true
      if (cur.file && tab.isEmpty(lines)) return removeCronFile(ctx, a, cur)
    }
    // no change to a job or variable, but a crontab without its final newline gets one
    if (!change && cur.existing !== '' && !/[\r\n]$/.test(cur.existing)) change = true
    const data: Record<string, unknown> = { jobs: tab.jobNames(lines), envs: tab.envNames(lines), warnings }
    if (a.cron_file !== undefined) data.cron_file = a.cron_file
    if (!change) return ok(undefined, data)
    const after = tab.render(lines)
    const diff = ctx.diff ? [{ path: cur.header, before: cur.existing, after }] : undefined
    // with --diff, Ansible's result carries the diff too
    if (ctx.diff) data.diff = { before: cur.existing, after, before_header: cur.header, after_header: cur.header }
    if (ctx.check) return changed(undefined, data, diff)
    if (a.backup) data.backup_file = await backupCrontab(ctx, original)
    if (cur.file && !cur.file.dirExists) throw new ModuleError(`cron: the directory of ${cur.file.path} does not exist`)
    await writeCrontab(ctx, a, cur, after)
    return changed(undefined, data, diff)
  },
})

/** The last job of a cron file went: the file is removed (changed only if it was there). */
async function removeCronFile(ctx: ModuleContext, a: CronArgs, cur: Crontab) {
  const file = cur.file as TextFile
  const diff = ctx.diff ? [{ path: file.path, before: cur.existing, after: '' }] : undefined
  const data = { cron_file: a.cron_file, state: a.state, diff: ctx.diff ? { before: cur.existing, before_header: file.path, after: '', after_header: '/dev/null' } : {} }
  if (!file.exists) return ok(undefined, data)
  if (!ctx.check) await runSnippet(ctx, `rm -f -- ${quote(file.path)} || exit 1`)
  return changed(undefined, data, diff)
}
