// The stat module's record of a path, with the keys and values Ansible's stat returns (os.stat fields,
// access checks, link info, checksum, `file`'s mime type, lsattr's flags), from one sh snippet using
// GNU stat, test, readlink and, where the host has them, file and lsattr.
import { assignPath, needsExpansion } from './host-path.js'

export interface StatOptions {
  follow: boolean
  checksum: string // '' for none, else md5|sha1|sha224|…
  md5?: boolean // get_md5: an md5 key beside the checksum
  mime: boolean
  attributes: boolean
}

// %f raw mode (hex), then numbers; the three times once more as text for their nanoseconds
const FORMAT = '%f %u %g %s %i %d %h %b %o %t %T %X %Y %Z %U %G|%x|%y|%z'

/** sh that prints the record of the path in $p, one `S?` line per part, or `S0 ERR` when there is none. */
export function statScript(path: string, o: StatOptions): string {
  const L = o.follow ? '-L ' : ''
  return [
    // a path type: ~ and $VAR expanded on the host, as the user the task runs as; SP is the path it became
    assignPath('p', path),
    needsExpansion(path) ? `printf 'SP %s\\n' "$(tp_b64 "$p")"` : '',
    `if ! _s=$(LC_ALL=C stat ${L}-c '${FORMAT}' -- "$p" 2>&1); then printf 'S0 %s\\n' "$(tp_b64 "\${_s##*: }")"; exit 0; fi`,
    `printf 'SS %s\\n' "$_s"`,
    `_a=; [ -r "$p" ] && _a=r; [ -w "$p" ] && _a=\${_a}w; [ -x "$p" ] && _a=\${_a}x; printf 'SA %s\\n' "$_a"`,
    o.follow ? '' : `if [ -L "$p" ]; then printf 'SL %s %s\\n' "$(tp_b64 "$(readlink -- "$p")")" "$(tp_b64 "$(readlink -m -- "$p")")"; fi`,
    o.checksum ? `if [ -f "$p" ] && [ -r "$p" ] && { ${o.follow ? 'true' : '[ ! -L "$p" ]'}; }; then _c=$(${o.checksum}sum < "$p") && printf 'SC %s\\n' "\${_c%% *}"; fi` : '',
    o.md5 ? `if [ -f "$p" ] && [ -r "$p" ]; then _c=$(md5sum < "$p") && printf 'S5 %s\\n' "\${_c%% *}"; fi` : '',
    o.mime ? `if command -v file >/dev/null 2>&1; then printf 'SM %s\\n' "$(file -b --mime-type --mime-encoding -- "$p" 2>/dev/null)"; fi` : '',
    o.attributes ? `if command -v lsattr >/dev/null 2>&1 && _l=$(lsattr -vd -- "$p" 2>/dev/null); then printf 'SX %s\\n' "$_l"; fi` : '',
  ].filter(Boolean).join('\n')
}

// lsattr's flag letters, by the names Ansible gives them
const ATTRIBUTE_NAMES: Record<string, string> = {
  A: 'noatime', a: 'append', c: 'compressed', C: 'nocow', d: 'nodump', D: 'dirsync', e: 'extents', E: 'encrypted', h: 'blocksize', i: 'immutable',
  I: 'indexed', j: 'journalled', N: 'inline', s: 'zero', S: 'synchronous', t: 'notail', T: 'blockroot', u: 'undelete', X: 'compressedraw', Z: 'compresseddirty',
}

const TYPES: Record<number, string> = { 0o040000: 'isdir', 0o020000: 'ischr', 0o060000: 'isblk', 0o100000: 'isreg', 0o010000: 'isfifo', 0o120000: 'islnk', 0o140000: 'issock' }

// glibc's makedev: how Python's st_rdev combines the major and minor numbers stat prints in hex
function makedev(major: number, minor: number): number {
  return (major & 0xfff) * 256 + (minor & 0xff) + (minor - (minor & 0xff)) * 4096 + (major - (major & 0xfff)) * 2 ** 32
}

// Python's st_atime: seconds plus nanoseconds as one double, computed the way CPython does
function seconds(whole: string, text: string): number {
  const ns = /\.(\d+)/.exec(text)?.[1] ?? '0'
  return Number(whole) + Number(ns.padEnd(9, '0').slice(0, 9)) * 1e-9
}

export type StatRecord = { exists: false } | ({ exists: true } & Record<string, unknown>)

/** The record from statScript's output; `error` is stat's own message (Python's strerror) when it failed otherwise. */
export function parseStat(stdout: string, path: string, o: StatOptions, decode: (v: string) => string): { stat?: StatRecord; error?: string } {
  const lines = new Map<string, string>()
  for (const l of stdout.split('\n')) if (/^S[0SALCMX5P] ?/.test(l)) lines.set(l.slice(0, 2), l.slice(3))
  const expanded = lines.get('SP')
  if (expanded !== undefined) path = decode(expanded)
  const missing = lines.get('S0')
  if (missing !== undefined) {
    const msg = decode(missing)
    return msg === 'No such file or directory' ? { stat: { exists: false } } : { error: msg }
  }
  const [nums, atext, mtext, ctext] = (lines.get('SS') ?? '').split('|')
  const [rawMode, uid, gid, size, ino, dev, nlink, blocks, blksize, major, minor, at, mt, ct, user, group] = nums.split(' ')
  const mode = parseInt(rawMode, 16)
  const bit = (b: number) => (mode & b) !== 0
  const out: Record<string, unknown> = { exists: true, path, mode: (mode & 0o7777).toString(8).padStart(4, '0') }
  for (const [type, key] of Object.entries(TYPES)) out[key] = (mode & 0o170000) === Number(type)
  Object.assign(out, {
    uid: Number(uid), gid: Number(gid), size: Number(size), inode: Number(ino), dev: Number(dev), nlink: Number(nlink),
    atime: seconds(at, atext), mtime: seconds(mt, mtext), ctime: seconds(ct, ctext),
    wusr: bit(0o200), rusr: bit(0o400), xusr: bit(0o100), wgrp: bit(0o20), rgrp: bit(0o40), xgrp: bit(0o10), woth: bit(0o2), roth: bit(0o4), xoth: bit(0o1),
    isuid: bit(0o4000), isgid: bit(0o2000),
    blocks: Number(blocks), block_size: Number(blksize), device_type: makedev(parseInt(major, 16), parseInt(minor, 16)),
  })
  const access = lines.get('SA') ?? ''
  Object.assign(out, { readable: access.includes('r'), writeable: access.includes('w'), executable: access.includes('x') })
  const link = lines.get('SL')
  if (link !== undefined && out.islnk) {
    const [target, source] = link.split(' ')
    Object.assign(out, { lnk_source: decode(source), lnk_target: decode(target) })
  }
  // an id without a name: stat prints UNKNOWN, Python's pwd/grp lookups fail and the key is left out
  if (user !== 'UNKNOWN') out.pw_name = user
  if (group !== 'UNKNOWN') out.gr_name = group
  if (lines.has('SC')) out.checksum = lines.get('SC')
  if (o.md5 && out.isreg && out.readable) out.md5 = lines.get('S5') ?? null
  if (o.mime) Object.assign(out, mimeOf(lines.get('SM')))
  if (o.attributes) Object.assign(out, attributesOf(lines.get('SX')))
  return { stat: out as StatRecord }
}

/** `file -b --mime-type --mime-encoding` output as Ansible's mimetype/charset ('unknown' when it says nothing usable). */
function mimeOf(text: string | undefined): Record<string, string> {
  const m = /^([^;]*);([^;]*)$/.exec(text ?? '')
  const charset = m?.[2].split('=')[1]
  return m && charset !== undefined ? { mimetype: m[1].trim(), charset: charset.trim() } : { mimetype: m ? m[1].trim() : 'unknown', charset: 'unknown' }
}

/** lsattr -vd output as Ansible's version/attr_flags/attributes. */
function attributesOf(text: string | undefined): Record<string, unknown> {
  const base = { version: null as string | null, attributes: [] as string[], attr_flags: '' }
  if (!text) return base
  const [version, flags = ''] = text.trim().split(/\s+/)
  const letters = flags.replace(/-/g, '')
  return { version, attr_flags: letters, attributes: [...letters].map((c) => ATTRIBUTE_NAMES[c]).filter(Boolean) }
}
