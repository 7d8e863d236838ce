// The one sh script that gathers a host's facts in one round trip. Collectors say what they need (files
// to read, paths to stat, commands to locate, small steps of their own) and this file turns the union
// into a script costing the host few processes: every file is read by ONE `head`, every path stat'ed by
// ONE `stat`; commands are located with the builtin `command -v`. Only sh, coreutils, /proc and /sys
// are assumed (plus `ip` and the like where a collector uses them when present).

export interface Probe {
  /** Files read whole (sh globs allowed; missing or unreadable ones are left out). */
  files?: string[]
  /** Paths stat'ed without following symlinks: existence, type, device:inode, link target (globs allowed). */
  stat?: string[]
  /** Commands located as Ansible's get_bin_path does: PATH, then /sbin, /usr/sbin, /usr/local/sbin. */
  bins?: string[]
  /** Named sh steps, each printing its section (`s NAME` starts one); they run after the reads, in order. */
  steps?: Array<[name: string, code: string]>
}

/** Sections every script prints, besides the steps'. */
export const SECTION = { pid: 'pid', bins: 'bins', args: 'args', files: 'files', stat: 'stat' } as const

/**
 * The script. Each section starts with a line `\n<marker> <name>`: the marker carries a per-run nonce,
 * so no file content can fake one. `head -v` prints every file under a `==> path <==` header; the
 * expanded argument list is printed first so that only real headers are taken (see raw.ts).
 */
export function buildScript(probes: Probe[], nonce: string): string {
  const files = unique(probes.flatMap((p) => p.files ?? []))
  const stats = unique(probes.flatMap((p) => p.stat ?? []))
  const bins = unique(probes.flatMap((p) => p.bins ?? []))
  const steps = [...new Map(probes.flatMap((p) => p.steps ?? []).map((s) => [s[0], s] as const)).values()] // a step two collectors read runs once
  const lines = [
    `M=${shWord(`@@${nonce}`)}`,
    `s() { printf '\\n%s %s\\n' "$M" "$1"; }`,
    // get_bin_path looks in the sbin directories even when PATH lacks them; this subshell's PATH only
    'PATH="${PATH:-/usr/bin:/bin}:/sbin:/usr/sbin:/usr/local/sbin"; export PATH',
    // `/proc/$$/…` in a probe is the shell's own (its environment, credentials, capabilities)
    `s ${SECTION.pid}`,
    `printf '%s\\n' "$$"`,
    `s ${SECTION.bins}`,
  ]
  if (bins.length) lines.push(`for c in ${bins.map(shWord).join(' ')}; do command -v "$c" 2>/dev/null; done`)
  if (files.length) {
    lines.push(`set -- ${files.map(shGlob).join(' ')}`)
    lines.push(`s ${SECTION.args}`, `printf '%s\\n' "$@"`)
    // head, not tail: GNU tail stops at the first file it cannot read (a down link's speed), head goes on
    lines.push(`s ${SECTION.files}`, 'head -v -n -0 -- "$@" 2>/dev/null')
  }
  if (stats.length) {
    lines.push(`s ${SECTION.stat}`)
    lines.push(`QUOTING_STYLE=literal stat -c '%f %d:%i %N' -- ${stats.map(shGlob).join(' ')} 2>/dev/null`)
  }
  for (const [name, code] of steps) lines.push(`s ${shWord(name)}`, code)
  lines.push(`s end`, 'exit 0')
  return lines.join('\n')
}

function unique(items: string[]): string[] {
  return [...new Set(items)]
}

/** A literal word (probe paths are ours, but quoting keeps them literal whatever they hold). */
export function shWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`
}

/** A path that may hold `*`, `?`, `[...]`, `$$` or a leading `~/`: those stay unquoted, everything else is quoted. */
export function shGlob(s: string): string {
  if (/^~(\/|$)/.test(s)) return `~${s.length > 1 ? shGlob(s.slice(1)) : ''}`
  return s
    .split(/([*?]|\[[^\]/]*\]|\$\$)/)
    .map((part, i) => (i % 2 === 1 ? part : part === '' ? '' : shWord(part)))
    .join('')
}
