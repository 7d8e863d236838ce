// put/get as POSIX sh, shared by every connection. put is atomic: the data goes to a temp file in the
// target directory, mode/owner are applied to it, then it is renamed over the target. A put killed
// midway leaves the old file untouched: a dropped connection looks like EOF to `cat`, so the size is
// checked before the rename, and the trap removes the partial temp file.
import { quote } from '../util/shell-quote.js'
import type { PutOptions } from './types.js'

export function putScript(remotePath: string, size: number, options: PutOptions = {}): string {
  const dir = remotePath.replace(/\/[^/]*$/, '') || '/'
  const apply = [
    options.mode ? `chmod ${quote(options.mode)} "$tmp"` : '',
    options.owner ? `chown ${quote(options.owner)} "$tmp"` : '',
    options.group ? `chgrp ${quote(options.group)} "$tmp"` : '',
  ].filter(Boolean)
  return [
    `tmp=$(mktemp ${quote(`${dir}/.tsplay-XXXXXX`)}) || exit 1`,
    `trap 'rm -f "$tmp"' EXIT`,
    `trap 'exit 129' HUP INT TERM PIPE`,
    `cat > "$tmp" || exit 1`,
    `[ "$(wc -c < "$tmp")" -eq ${size} ] || { echo 'transfer interrupted (short write)' >&2; exit 1; }`,
    ...apply.map((a) => `${a} || exit 1`),
    `mv -f "$tmp" ${quote(remotePath)}`,
  ].join('\n')
}

export function getScript(remotePath: string): string {
  return `base64 < ${quote(remotePath)}`
}
