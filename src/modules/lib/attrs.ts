// mode/owner/group: compare a probed path with what the task wants, and the sh lines that close the gap.
import { quote } from '../../util/shell-quote.js'
import { applyMode, formatMode, parseMode } from './mode.js'
import type { Fields } from './snippet.js'

export interface AttrArgs {
  mode?: string | number
  owner?: string
  group?: string
}

export interface AttrPlan {
  commands: string[] // sh lines, each `|| exit 1`-safe, applied to the path given to planAttrs
  before: Record<string, string>
  after: Record<string, string>
}

/**
 * What to change on `target` (a path expression already quoted for sh, e.g. "$tmp" or a quoted path)
 * so the probed state matches the args. `probe` is the existing file (or undefined for a new one).
 */
export function planAttrs(args: AttrArgs, probe: Fields | undefined, target: string, opts: { isDir?: boolean; noFollow?: boolean; baseMode?: number } = {}): AttrPlan {
  const plan: AttrPlan = { commands: [], before: {}, after: {} }
  const exists = probe?.exists === '1'
  const spec = parseMode(args.mode)
  if (spec && !(opts.noFollow && probe?.type === 'l')) {
    const umask = parseInt(probe?.umask ?? '0022', 8)
    const current = exists ? parseInt(probe!.mode, 8) : (opts.baseMode ?? (opts.isDir ? 0o777 : 0o666) & ~umask)
    const wanted = applyMode(spec, current, opts.isDir ?? probe?.type === 'd', umask)
    if (!exists || wanted !== current) {
      plan.commands.push(`chmod ${formatMode(wanted)} ${target}`)
      plan.before.mode = exists ? formatMode(current) : ''
      plan.after.mode = formatMode(wanted)
    }
  }
  const h = opts.noFollow ? '-h ' : ''
  if (args.owner !== undefined && args.owner !== '') {
    const numeric = /^\d+$/.test(args.owner)
    const current = exists ? (numeric ? probe!.uid : probe!.user) : undefined
    if (current !== args.owner) {
      plan.commands.push(`chown ${h}${quote(args.owner)} ${target}`)
      plan.before.owner = current ?? ''
      plan.after.owner = args.owner
    }
  }
  if (args.group !== undefined && args.group !== '') {
    const numeric = /^\d+$/.test(args.group)
    const current = exists ? (numeric ? probe!.gid : probe!.group) : undefined
    if (current !== args.group) {
      plan.commands.push(`chgrp ${h}${quote(args.group)} ${target}`)
      plan.before.group = current ?? ''
      plan.after.group = args.group
    }
  }
  return plan
}

/** Renders attribute changes as diff text lines (`mode: 0644`). */
export function attrText(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => `${k}: ${v}\n`).join('')
}
