// file state=directory recurse=yes: the modes, owners and groups of everything under the directory, from
// one `find` listing (records id=r: m mode, y type, u/g names, U/G ids); commands only where something differs.
import { quote } from '../../util/shell-quote.js'
import { applyMode, formatMode, parseMode } from './mode.js'
import type { Fields } from './snippet.js'

export interface RecurseArgs {
  mode?: string | number
  owner?: string
  group?: string
  follow: boolean
}

/** Modes/owners of everything under a directory, for recurse: commands only if something differs. */
export function recursePlan(a: RecurseArgs, entries: Fields[], qp: string, umask = '0022'): string[] {
  const spec = parseMode(a.mode)
  const cmds: string[] = []
  if (spec) {
    const differs = entries.some((e) => e.y !== 'l' && applyMode(spec, parseInt(e.m, 8), e.y === 'd', parseInt(umask, 8)) !== parseInt(e.m, 8))
    const m = spec.kind === 'octal' ? formatMode(spec.value) : quote(spec.text)
    // follow: what links below point to (and what is under linked directories) gets the mode too;
    // chmod -R itself passes links by
    if (differs) cmds.push(a.follow ? `chmod ${m} -- ${qp} && find -L ${qp} -mindepth 1 ! -type l -exec chmod ${m} -- {} + || exit 1` : `chmod -R ${m} -- ${qp} || exit 1`)
  }
  const who = (want: string | undefined, name: 'u' | 'g') => {
    if (!want) return false
    const numeric = /^\d+$/.test(want)
    return entries.some((e) => (numeric ? e[name.toUpperCase()] : e[name]) !== want)
  }
  const linked = (cmd: string) => (a.follow ? ` && find -L ${qp} -mindepth 1 ! -type l -exec ${cmd} -- {} +` : '')
  if (who(a.owner, 'u')) cmds.push(`chown -R -h ${quote(a.owner as string)} -- ${qp}${linked(`chown ${quote(a.owner as string)}`)} || exit 1`)
  if (who(a.group, 'g')) cmds.push(`chgrp -R -h ${quote(a.group as string)} -- ${qp}${linked(`chgrp ${quote(a.group as string)}`)} || exit 1`)
  return cmds
}
