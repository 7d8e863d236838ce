// file: state of a path — file, directory, link, hard, touch, absent — plus mode/owner/group (recurse).
import { posix } from 'node:path'
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { fileAttrProps } from './copy.js'
import { planAttrs } from './lib/attrs.js'
import { diffPeek, finish, pathContent, report, UNREAD } from './lib/file-outcome.js'
import { formatMode, parseMode } from './lib/mode.js'
import { recursePlan } from './lib/file-recurse.js'
import { infoOfProbe, PATH_INFO_SH } from './lib/path-info.js'
import { planTimes, timeSpec, timesProbe } from './lib/file-times.js'
import { failed } from './lib/result.js'
import { decode64, runSnippet, type Fields } from './lib/snippet.js'
import { defineModule, type ModuleContext, type TaskResult } from './types.js'

// Ansible's warning when follow meets a link to nothing
const DANGLING = 'Cannot set fs attributes on a non-existent symlink target. follow should be set to False to avoid this.'

type State = 'file' | 'directory' | 'link' | 'hard' | 'touch' | 'absent'

export interface FileArgs {
  path: string
  state?: State
  src?: string
  mode?: string | number
  owner?: string
  group?: string
  recurse: boolean
  force: boolean
  follow: boolean
  access_time?: string
  modification_time?: string
  access_time_format: string
  modification_time_format: string
  _diff_peek?: boolean
  attributes?: string
}

const NAMES: Record<string, unknown> = { f: 'file', d: 'directory', l: 'link', o: 'special' }

export const file = defineModule<FileArgs>({
  name: 'file',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: { type: 'string', aliases: ['dest', 'name'] },
      state: { enum: ['file', 'directory', 'link', 'hard', 'touch', 'absent'] },
      src: { type: 'string' },
      ...fileAttrProps,
      recurse: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      follow: { type: 'boolean', default: true },
      access_time: { type: 'string' },
      modification_time: { type: 'string' },
      modification_time_format: { type: 'string', default: '%Y%m%d%H%M.%S' },
      access_time_format: { type: 'string', default: '%Y%m%d%H%M.%S' },
      // set by Ansible's copy/template actions: is the file binary? (a NUL in its first 8 KiB)
      _diff_peek: { type: 'boolean' },
      attributes: { type: 'string', aliases: ['attr'] },
    },
  },
  async run(ctx, a): Promise<TaskResult> {
    const warnings: string[] = []
    const r = await ensure(ctx, a, warnings)
    return warnings.length ? { ...r, data: { ...r.data, warnings } } : r
  },
})

async function ensure(ctx: ModuleContext, a: FileArgs, warnings: string[], intoDir = false): Promise<TaskResult> {
  const p = a.path.length > 1 ? a.path.replace(/\/+$/, '') : a.path
  const qp = quote(p)
  if (a._diff_peek !== undefined) return diffPeek(ctx, p, qp)
  if (a.state === 'hard' && !a.src) return failed('src is required for creating new hardlinks', { dest: p })
  if (a.recurse && a.state !== undefined && a.state !== 'directory') return failed("recurse option requires state to be 'directory'", { path: p })
  const srcAbs = a.src === undefined ? undefined : posix.isAbsolute(a.src) ? a.src : posix.join(posix.dirname(p), a.src)
  const mtime = timeSpec(a.modification_time, a.modification_time_format, a.state)
  const atime = timeSpec(a.access_time, a.access_time_format, a.state)
  const linkFollows = a.state === 'link' && (a.src === undefined || a.follow) && (a.src === undefined || a.mode !== undefined || a.owner !== undefined || a.group !== undefined)
  // a first run's usual case, a directory or link where nothing is yet, is made by the probe itself
  const early = ctx.check || linkFollows || a.attributes !== undefined || parseMode(a.mode)?.kind === 'symbolic' ? undefined : creation(a, qp, undefined)
  const probe = await runSnippet(ctx, [
    '_made=', // set when the early creation below made the path
    // a hard link asked for at a directory goes inside it, named as its src (Ansible's rule): probed again there
    a.state === 'hard' && !intoDir ? `if [ -d ${qp} ]; then echo '__TSPLAY__ id=intodir'; exit 0; fi` : '',
    `tp_probe p ${qp} '' || exit 1`,
    a.recurse ? `if [ -d ${qp} ]; then find ${a.follow ? '-L ' : ''}${qp} -mindepth 1 -printf '__TSPLAY__ id=r m=%m y=%y u=%u g=%g U=%U G=%G\\n'; fi` : '',
    srcAbs !== undefined ? probeSrc(a, qp, srcAbs) : '',
    early ? createWhenAbsent(qp, early.commands, a.state === 'link' && !a.force ? srcAbs : undefined) : '',
    // what removing a directory takes with it, for the diff (Ansible's path_content)
    a.state === 'absent' ? `if [ -d ${qp} ] && [ ! -L ${qp} ]; then _c=$(find ${qp} -mindepth 1 \\( -type d -printf 'D%p\\n' -o -printf 'F%p\\n' \\)) && printf '__TSPLAY__ id=content v=%s\\n' "$(tp_b64 "$_c")"; fi` : '',
    a.attributes !== undefined ? LSATTR.replace('"$1"', qp) : '',
    // what a link points to: probed when its attributes are at stake, else only whether it exists (the warning)
    a.follow && (a.state === 'link' || a.state === undefined)
      ? `if [ -L ${qp} ] && [ -e ${qp} ]; then ${setsAttrs(a) ? `tp_probe tgt "$(readlink -f -- ${qp})" '' || exit 1` : "echo '__TSPLAY__ id=tgt exists=1'"}; fi`
      : '',
    mtime.kind === 'at' || atime.kind === 'at' ? timesProbe(qp, mtime, atime) : '',
    ctx.check && a.state !== 'absent' ? lookupProbe(a) : '',
    // the path info: from tp_probe's stat (a link's own, lstat), but read again after an early creation
    // (unless nothing reads the result); a link's only where its target exists (Ansible reports it after
    // os.path.exists, which follows links)
    PATH_INFO_SH, `if [ -n "$_made" ]; then ${ctx.resultRead === false ? ':' : `tp_pinfo ${qp}`}; elif [ -L ${qp} ] && [ -e ${qp} ]; then echo '__TSPLAY__ id=linfo'; fi`,
  ].join('\n'))
  // check mode: an owner or group the play has yet to create is a warning, as in Ansible
  for (const [id, what, value] of [['nouser', 'user', a.owner], ['nogroup', 'group', a.group]] as const) {
    if (probe.byId[id]) warnings.push(`failed to look up ${what} ${/^\d+$/.test(value ?? '') ? `with ${what === 'user' ? 'uid' : 'gid'} ` : ''}${value}. Create ${what} up to this point in real play`)
  }
  if (probe.byId.intodir) return ensure(ctx, { ...a, path: posix.join(p, posix.basename(a.src as string)) }, warnings, true)
  const cur = probe.byId.p
  const info = probe.byId.info ?? (cur.type !== 'l' || probe.byId.linfo ? infoOfProbe(cur) : undefined)
  // and setting it on something that exists fails, as Ansible's chown does when the lookup fails
  if (cur.exists === '1' && probe.byId.nouser) return failed(`chown failed: failed to look up user ${a.owner}`, { path: p })
  if (cur.exists === '1' && probe.byId.nogroup) return failed(`chgrp failed: failed to look up group ${a.group}`, { path: p })
  if (early && probe.byId.created && a.state === 'link' && a.follow && probe.byId.src?.exists !== '1') warnings.push(DANGLING)
  if (early && probe.byId.created) return report(ctx, p, early.before, early.after, a, ctx.resultRead === false ? UNREAD : info)
  const exists = cur.exists === '1'
  const type = cur.type === 'l' && a.follow && a.state !== 'link' && cur.ltype ? cur.ltype : cur.type
  // no state: what is there (a file with more than one name is 'hard'), else directory with recurse, else file
  let present = cur.type === 'l' ? 'link' : (info?.state as State | undefined) ?? (NAMES[cur.type] as State)
  if (present === 'hard' && a.src === undefined) present = 'file' // attributes only: nothing to link
  const state: State = a.state ?? (exists ? present ?? 'file' : a.recurse ? 'directory' : 'file')
  if (a.src !== undefined && state !== 'link' && state !== 'hard') return failed("src option requires state to be 'link' or 'hard'", { path: p })
  const cmds: string[] = []
  const before: Record<string, unknown> = { state: exists ? NAMES[type] ?? 'file' : 'absent' }
  const after: Record<string, unknown> = { state }
  let attrProbe: Fields | undefined = cur
  let noFollow = false
  let attrsDone = false
  let attrTarget = qp
  let touchMade = false

  switch (state) {
    case 'absent':
      if (exists) cmds.push(`rm -rf -- ${qp} || exit 1`)
      if (probe.byId.content) before.path_content = pathContent(decode64(probe.byId.content.v))
      return finish(ctx, p, cmds, before, after, a, info)
    case 'file':
      if (!exists) return failed(`file (${p}) is absent, cannot continue`, { path: p, state: 'absent' })
      if (type !== 'f') return failed(`file (${p}) is ${NAMES[type] ?? type}, cannot continue`, { path: p, state: NAMES[type] ?? type })
      break
    case 'directory':
      if (exists && type !== 'd') throw new ModuleError(`'${p}' already exists as a ${NAMES[type] ?? type}`)
      if (!exists) {
        const made = creation(a, qp, cur) as Creation
        cmds.push(...made.commands)
        Object.assign(after, made.after)
        attrsDone = true
      }
      if (a.recurse && exists) cmds.push(...recursePlan(a, probe.records.filter((r) => r.id === 'r'), qp, cur.umask))
      break
    case 'touch': {
      if (!exists) {
        cmds.push(`touch -- ${qp} || exit 1`)
        touchMade = true
      }
      if (!exists) attrProbe = { exists: '1', type: 'f', mode: formatMode(0o666 & ~parseInt(cur.umask ?? '022', 8)), umask: cur.umask, user: '', group: '', uid: '', gid: '' }
      break
    }
    case 'link': {
      noFollow = true
      // no src: the link stays where it points (Ansible reads it), only its attributes are at stake
      if (a.src === undefined && cur.type !== 'l') return failed('src is required for creating new symlinks', { path: p })
      const want = a.src ?? decode64(cur.target)
      after.src = want
      // follow: mode/owner/group go to what the link points to, when that exists
      const followTo = (probe: Fields | undefined) => {
        if (a.follow && probe?.exists !== '1' && (exists || !ctx.check)) warnings.push(DANGLING)
        if (!a.follow || probe?.exists !== '1') return
        attrProbe = probe
        attrTarget = quote(decode64(probe.path))
        noFollow = false
      }
      if (cur.type === 'l' && decode64(cur.target) === want) {
        followTo(probe.byId.tgt)
        break
      }
      const srcProbe = probe.byId.src
      if (srcProbe.exists !== '1' && !a.force) throw new ModuleError(`src file does not exist, use "force=yes" if you really want to create the link: ${srcAbs}`)
      if (exists && cur.type !== 'l') {
        if (!a.force) throw new ModuleError(`refusing to convert from ${NAMES[cur.type]} to symlink for ${p}`, 'set force=yes to replace it')
        if (cur.type === 'd') cmds.push(`rmdir -- ${qp} || tp_fail 'the directory ${p.replace(/'/g, '')} is not empty, refusing to convert it'`)
        else cmds.push(`rm -f -- ${qp} || exit 1`)
      }
      cmds.push(`ln -sfn -- ${quote(want)} ${qp} || exit 1`)
      if (cur.type === 'l') before.src = decode64(cur.target)
      attrProbe = undefined
      followTo(srcProbe)
      break
    }
    case 'hard': {
      if (probe.byId.same) break
      if (probe.byId.src.exists !== '1') return failed('src does not exist', { dest: p, src: a.src })
      if (exists && !a.force && cur.type !== 'f') throw new ModuleError(`Cannot link, ${NAMES[cur.type]} exists at destination ${p}`, 'set force=yes')
      cmds.push(`ln -f -- ${quote(srcAbs as string)} ${qp} || exit 1`)
      attrProbe = probe.byId.src
      after.src = srcAbs as string
      break
    }
  }
  if (a.attributes !== undefined && state !== 'link') {
    // Ansible's rule: chattr unless lsattr's flags are the ones asked for; '-x' always runs
    const mod = a.attributes.startsWith('+') || a.attributes.startsWith('-') ? a.attributes[0] : '='
    const flags = mod === '=' ? a.attributes : a.attributes.slice(1)
    const existing = (decode64(probe.byId.lsattr?.v).trim().split(/\s+/)[0] ?? '').replace(/-/g, '')
    if (existing !== flags || mod === '-') {
      cmds.push(`_o=$(chattr ${quote(mod + flags)} ${qp} 2>&1) && [ -z "$_o" ] || tp_fail "chattr failed: Error while setting attributes: $_o"`)
      before.attributes = existing
      after.attributes = mod + flags
    }
  }
  if (state !== 'link' || !noFollow) {
    const t = planTimes(mtime, atime, probe.byId.times, exists, state === 'link' ? attrTarget : qp)
    cmds.push(...t.commands)
    Object.assign(before, t.before)
    Object.assign(after, t.after)
  }
  const plan = attrsDone ? { commands: [], before: {}, after: {} } : planAttrs(noFollow ? { ...a, mode: undefined } : a, attrProbe, attrTarget, { isDir: state === 'directory' || attrProbe?.type === 'd', noFollow })
  cmds.push(...plan.commands.map((c) => `${c} || exit 1`))
  Object.assign(before, plan.before)
  Object.assign(after, plan.after)
  // like Ansible, a file touch made is removed again when setting its attributes fails
  if (touchMade && cmds.length > 1) cmds.splice(1, cmds.length - 1, `( ${cmds.slice(1).join('\n')}\n) || { rm -f -- ${qp}; exit 1; }`)
  return finish(ctx, p, cmds, before, after, a, info)
}

function setsAttrs(a: FileArgs): boolean {
  return a.mode !== undefined || a.owner !== undefined || a.group !== undefined || a.attributes !== undefined
}

/** sh that probes a link's src, unless the probe of the path found the link already pointing there. */
function probeSrc(a: FileArgs, qp: string, srcAbs: string): string {
  // a symlink needs only whether its src exists, unless attributes go to what it points to
  const detail = a.state === 'link' && !setsAttrs(a) ? '-' : "''"
  const probe = `tp_probe src ${quote(srcAbs)} ${detail} || exit 1; if [ ${qp} -ef ${quote(srcAbs)} ]; then echo '__TSPLAY__ id=same'; fi`
  return a.state === 'link' ? `if [ "$_lt" != ${quote(a.src as string)} ] || [ ! -L ${qp} ]; then ${probe}; fi` : probe
}

interface Creation {
  commands: string[]
  before: Record<string, unknown> // for the diff
  after: Record<string, unknown>
}

/** The sh lines that make a directory (state=directory) or a symlink (state=link) where nothing is. */
function creation(a: FileArgs, qp: string, probe: Fields | undefined): Creation | undefined {
  if (a.state === 'directory') {
    // like Ansible, every directory we create gets the requested attributes
    const plan = planAttrs(a, probe, '"$d"', { isDir: true }) // probe: the absent path, with the host's umask
    const walk = `set --; q=${qp}; while [ ! -e "$q" ] && [ ! -L "$q" ]; do set -- "$q" "$@"; tp_dir "$q"; q=$_d; done`
    const mode = plan.after.mode
    // mkdir -m sets the mode itself, exactly (a default ACL included): one process a level instead of
    // mkdir plus a chmod each, where the mode still lets the next level be made inside
    if (mode !== undefined && (parseInt(mode, 8) & 0o300) === 0o300) {
      const owners = planAttrs({ ...a, mode: undefined }, probe, '"$d"', { isDir: true }).commands
      const each = [`mkdir -m ${mode} -- "$d"`, ...owners].map((c) => `${c} || exit 1`).join('; ')
      return { commands: [walk, `for d; do ${each}; done`], before: { state: 'absent' }, after: { state: 'directory', ...plan.after } }
    }
    const commands = [walk, `mkdir -p -- ${qp}`]
    if (plan.commands.length) commands.push(`for d; do ${plan.commands.map((c) => `${c} || exit 1`).join('; ')}; done`)
    return { commands, before: { state: 'absent' }, after: { state: 'directory', ...plan.after } }
  }
  if (a.state === 'link') {
    const plan = planAttrs({ ...a, mode: undefined }, undefined, qp, { noFollow: true })
    const commands = [`ln -sfn -- ${quote(a.src as string)} ${qp}`, ...plan.commands.map((c) => `${c} || exit 1`)]
    return { commands, before: { state: 'absent', ...plan.before }, after: { state: 'link', src: a.src as string, ...plan.after } }
  }
  return undefined
}

/** sh for the end of the probe: when nothing is at the path (and a link's src exists), create it. */
function createWhenAbsent(qp: string, commands: string[], mustExist: string | undefined): string {
  const src = mustExist === undefined ? '' : ` && { [ -e ${quote(mustExist)} ] || [ -L ${quote(mustExist)} ]; }`
  return [`if [ ! -e ${qp} ] && [ ! -L ${qp} ]${src}; then`, ...commands.map((c) => `  ${c} || exit 1`), `  echo '__TSPLAY__ id=created'; _made=1`, 'fi'].join('\n')
}

// sh: lsattr's flags of $1 (without -v, which fails where the file system has no version, tmpfs), when the host and its file system have them
const LSATTR = `if command -v lsattr >/dev/null 2>&1 && _l=$(lsattr -d -- "$1" 2>/dev/null); then printf '__TSPLAY__ id=lsattr v=%s\\n' "$(tp_b64 "$_l")"; fi`

/** sh: records for an owner or group that does not exist (by name or number). */
function lookupProbe(a: FileArgs): string {
  const out: string[] = []
  if (a.owner) out.push(`getent passwd -- ${quote(a.owner)} >/dev/null || echo '__TSPLAY__ id=nouser'`)
  if (a.group) out.push(`getent group -- ${quote(a.group)} >/dev/null || echo '__TSPLAY__ id=nogroup'`)
  return out.join('\n')
}
