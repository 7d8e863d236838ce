// Ansible expands a `type: path` argument on the host before the module sees it: $VAR and ${VAR} from the
// module's environment (Python's os.path.expandvars: unknown variables stay as written), then a leading
// ~ or ~user (os.path.expanduser). These build the sh that does the same in a snippet; every other byte of
// the path is quoted, so it lands as given.
import { ModuleError } from '../../errors.js'
import { quote } from '../../util/shell-quote.js'

const VAR = /\$(\w+|\{[^}]*\})/g
const SH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

// sh `${…}` is written `%{…}` here so the template literal leaves it alone; @V is the variable
const TILDE = String.raw`case $@V in '~'*)
  _r=%{@V#?}; _u=%{_r%%/*}; _t=%{_r#"$_u"}
  if [ -z "$_u" ]; then _h=%{HOME-}; [ -n "$_h" ] || _h=$(getent passwd "$(id -u)" | cut -d: -f6)
  else _h=$(getent passwd -- "$_u" | cut -d: -f6) || _h=; [ -n "$_h" ] || { _h=$@V; _t=; }; fi
  while [ "%{_h%/}" != "$_h" ]; do _h=%{_h%/}; done
  @V=$_h$_t; [ -n "$@V" ] || @V=/ ;;
esac`.replace(/%\{/g, '${')

/** True when the path needs the host to expand it (a variable, or a leading ~). */
export function needsExpansion(path: string): boolean {
  return path.startsWith('~') || /\$(\w|\{)/.test(path)
}

/** sh lines that set `$name` to `path` as Ansible's path type expands it on the host. */
export function assignPath(name: string, path: string): string {
  if (!needsExpansion(path)) return `${name}=${quote(path)}`
  const lines = [`${name}=`]
  let at = 0
  for (const m of path.matchAll(VAR)) {
    if (m.index > at) lines.push(`${name}="$${name}"${quote(path.slice(at, m.index))}`)
    const raw = m[1]
    const v = raw.startsWith('{') ? raw.slice(1, -1) : raw
    // a name sh cannot hold is never in the environment sh sees: Python would leave it as written too
    if (SH_NAME.test(v)) lines.push(`if [ -n "\${${v}+x}" ]; then ${name}="$${name}$${v}"; else ${name}="$${name}"${quote(m[0])}; fi`)
    else lines.push(`${name}="$${name}"${quote(m[0])}`)
    at = m.index + m[0].length
  }
  if (at < path.length) lines.push(`${name}="$${name}"${quote(path.slice(at))}`)
  // expanduser: ~ is $HOME (or the passwd entry), ~user the user's home; an unknown user stays as written
  lines.push(TILDE.replace(/@V/g, name))
  return lines.join('\n')
}
