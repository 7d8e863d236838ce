// tempfile: a new temporary file (0600) or directory (0700) on the host, named as Python's mkstemp/mkdtemp
// name them (prefix, 8 random characters of [a-z0-9_], suffix). Like Ansible's, it always reports changed
// and does not run in check mode (Ansible skips it there: the path would not exist).
import { randomInt } from 'node:crypto'
import { quote } from '../util/shell-quote.js'
import { assignPath } from './lib/host-path.js'
import { pathInfo } from './lib/path-info.js'
import { changed } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface TempfileArgs {
  state: 'file' | 'directory'
  path?: string
  prefix: string
  suffix: string
}

const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_'
const randomName = () => Array.from({ length: 8 }, () => CHARS[randomInt(CHARS.length)]).join('')

// Python's tempfile.gettempdir(): $TMPDIR, $TEMP, $TMP, /tmp, /var/tmp, /usr/tmp, then the working directory:
// the first that is a writable directory, made absolute
const DEFAULT_DIR = String.raw`d=
for c in "${'$'}{TMPDIR-}" "${'$'}{TEMP-}" "${'$'}{TMP-}" /tmp /var/tmp /usr/tmp "$PWD"; do
  [ -n "$c" ] && [ -d "$c" ] && [ -w "$c" ] && [ -x "$c" ] && { d=$c; break; }
done
[ -n "$d" ] || tp_fail "No usable temporary directory found in $TMPDIR, $TEMP, $TMP, /tmp, /var/tmp, /usr/tmp or $PWD"
case $d in /*) ;; *) d=$PWD/$d ;; esac`

export const tempfile = defineModule<TempfileArgs>({
  name: 'tempfile',
  schema: {
    type: 'object',
    additionalProperties: false,
    description:
      'Creates a temporary file or directory on the host, accessible only by its creator (mode 0600 or 0700), and returns its path. ' +
      'Always changed; skipped in check mode, as Ansible does. Remove it with the file module (state: absent) when done.',
    examples: [
      `- name: A scratch directory
  tempfile:
    state: directory
    suffix: .build
  register: build_dir

- name: Removed when done
  file:
    path: "{{ build_dir.path }}"
    state: absent
`,
    ],
    properties: {
      state: { enum: ['file', 'directory'], default: 'file', description: 'Create a file or a directory.' },
      path: { type: 'string', description: 'Directory to create it in (expanded on the host: ~ and $VAR). Default: the host\'s temporary directory ($TMPDIR, /tmp, /var/tmp…).' },
      prefix: { type: 'string', default: 'ansible.', description: 'Start of the name.' },
      suffix: { type: 'string', default: '', description: 'End of the name.' },
    },
  },
  async run(ctx, a) {
    if (ctx.check) return { status: 'skipped', msg: 'remote module (tempfile) does not support check mode', data: { changed: false, skipped: true } }
    const names = Array.from({ length: 10 }, () => quote(`${a.prefix}${randomName()}${a.suffix}`))
    // umask 077 makes what mkstemp's 0600 and mkdtemp's 0700 make under any usual umask; noclobber (set -C)
    // makes the redirection fail on an existing name, as O_EXCL does
    const make = a.state === 'directory' ? 'mkdir -- "$p"' : '{ : > "$p"; }'
    const body = [
      a.path === undefined ? DEFAULT_DIR : assignPath('d', a.path),
      'umask 077; set -C; p=; err=',
      `for n in ${names.join(' ')}; do`,
      '  case $d in "") p=$n ;; */) p=$d$n ;; *) p=$d/$n ;; esac; last=$p',
      '  [ -e "$p" ] || [ -L "$p" ] && { p=; continue; }',
      `  if err=$(${make} 2>&1); then break; fi; p=; [ -d "$d" ] || break`,
      'done',
      // Python's messages: the errno of the directory, else what the shell said
      `if [ -z "$p" ]; then [ -d "$d" ] || tp_fail "[Errno 2] No such file or directory: '$last'"; [ -w "$d" ] || tp_fail "[Errno 13] Permission denied: '$last'"; tp_fail "\${err:-No usable temporary ${a.state} name found in $d}"; fi`,
      `tp_probe t "$p" '' || exit 1`,
    ].join('\n')
    const r = await runSnippet(ctx, body)
    const t = r.byId.t
    // Ansible's result adds the new path's owner, group, mode, state and size to `path`
    return changed(undefined, { path: decode64(t?.path), ...pathInfo(t) })
  },
})
