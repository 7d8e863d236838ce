// sh that writes a new file's temp file ($tmp, beside $dest: remote-temp.ts) and gives it its attributes
// with as few processes as it can: made with its mode by the umask builtin where a plain mode allows, a stat
// that confirms it where the result reads the file anyway, the old file's owner only where it differs.
import { printfBytes } from '../../util/shell-quote.js'
import { formatMode, type ModeSpec } from './mode.js'

/**
 * The umask that makes a redirection create a file with `spec`'s mode: a plain octal mode of read and write
 * bits that the owner can read and write (a redirection creates 0666 less the umask; x and setuid/setgid/
 * sticky bits need chmod, and a file its owner cannot write would fail tp_wfail's second write).
 */
export function createMask(spec: ModeSpec | undefined): string | undefined {
  return spec?.kind === 'octal' && (spec.value & ~0o666) === 0 && (spec.value & 0o600) === 0o600 ? formatMode(~spec.value & 0o777) : undefined
}

/**
 * sh writing small content to $tmp, made with the mode `mask` gives (createMask) when there is one: a temp
 * file holding a secret is never more open than asked, as it was between the write and a chmod. (Under a
 * directory's default ACL the umask does not apply: setMode's chmod or its check corrects the mode.) The
 * umask is the shell's builtin, no process; `restore` sets the user's again for the commands that follow.
 */
export function writeTemp(content: Buffer, dest: string, mask: string | undefined, restore: string | undefined): string {
  const write = `{ ${printfBytes(content)} > "$tmp"; } 2>/dev/null || tp_wfail ${dest}`
  return mask ? `umask ${mask}; ${write}${restore ? `; umask ${restore}` : ''}` : write
}

/**
 * sh giving $tmp its mode. Where the file was made with it (writeTemp) and the task reports the file's
 * keys, one stat of the temp file does both: it confirms the mode (chmod only when a default ACL gave
 * another) and is the report (`id=final`; the rename keeps inode, mode, owner and size).
 */
export function setMode(mode: number, confirm: boolean): string {
  const chmod = `chmod ${formatMode(mode)} "$tmp" || exit 1`
  if (!confirm) return chmod
  return `tp_probe final "$tmp" '' || exit 1\n[ "\${_s%% *}" = ${mode.toString(8)} ] || { ${chmod}; tp_probe final "$tmp" '' || exit 1; }`
}

// the old file's owner onto $tmp, unless both files are already ours (test's -O/-G: no process)
export const OURS = `[ -O "$dest" ] && [ -G "$dest" ] && [ -O "$tmp" ] && [ -G "$tmp" ]`
export const copyOwnerUnless = (test: string) => `{ ${test}; } || chown --reference="$dest" -- "$tmp" 2>/dev/null`
// after the old file's mode, its owner, as Ansible does: a setuid/setgid file's chown always runs, so the
// kernel clears those bits just as it did then
export const KEEP_OWNER = copyOwnerUnless(`[ ! -u "$dest" ] && [ ! -g "$dest" ] && ${OURS}`)
