// put/get as POSIX sh, shared by every connection. put is atomic: the data goes to a temp file in the
// target directory (remote-temp.ts: named for its writer, removed by its traps or by a later write there
// once the writer is gone), mode/owner are applied to it, then it is renamed over the target. A put killed
// midway leaves the old file untouched: a dropped connection looks like EOF to `cat`, so the size is
// checked before the rename.
import { quote } from '../util/shell-quote.js'
import { REMOTE_TEMP_SH } from './remote-temp.js'
import type { PutOptions } from './types.js'

export function putScript(remotePath: string, size: number, options: PutOptions = {}): string {
  const dir = remotePath.replace(/\/[^/]*$/, '') || '/'
  const apply = [
    options.mode ? `chmod ${quote(options.mode)} "$tmp"` : '',
    options.owner ? `chown ${quote(options.owner)} "$tmp"` : '',
    options.group ? `chgrp ${quote(options.group)} "$tmp"` : '',
  ].filter(Boolean)
  return [
    REMOTE_TEMP_SH,
    `dest=${quote(remotePath)}`,
    `tp_tmp ${quote(dir)}`,
    `tp_recv ${size} "$dest"`,
    ...apply.map((a) => `${a} || exit 1`),
    `mv -f -- "$tmp" "$dest" || exit 1; trap - EXIT`,
  ].join('\n')
}

export function getScript(remotePath: string): string {
  return `base64 < ${quote(remotePath)}`
}
