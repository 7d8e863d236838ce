// slurp: a remote file's bytes, base64-encoded, as Ansible returns them (content, encoding, source), with
// Ansible's messages for a missing, unreadable or directory source. One round trip; reads only.
import { assignPath } from './lib/host-path.js'
import { ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

// the errors Python's open() gives, in its order: a directory is unreadable before it is a directory, and a
// path through a file is ENOTDIR ("unable to slurp file"), not ENOENT
const READ = String.raw`tp_enc "$p"; printf '__TSPLAY__ id=src path=%s\n' "$_e"
if [ -d "$p" ]; then
  [ -r "$p" ] || tp_fail "file is not readable: $p"
  tp_fail "source is a directory and must be a file: $p"
fi
if [ ! -e "$p" ]; then
  # a directory on the way that the user cannot search is EACCES in Python, not ENOENT
  case $( { exec 3< "$p"; } 2>&1 ) in *"Permission denied"*) tp_fail "file is not readable: $p" ;; esac
  q=$p
  while tp_dir "$q"; [ "$_d" != "$q" ]; do
    q=$_d
    if [ -e "$q" ] && [ ! -d "$q" ]; then tp_fail "unable to slurp file: [Errno 20] Not a directory: '$p'"; fi
    case $q in /|.) break ;; esac
  done
  tp_fail "file not found: $p"
fi
[ -r "$p" ] || tp_fail "file is not readable: $p"
printf '__TSPLAY__ id=content b64='; base64 -w0 < "$p" || tp_fail "unable to slurp file: $p"; echo`

export const slurp = defineModule<{ src: string }>({
  name: 'slurp',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['src'],
    description: "Reads a file on the host and returns its content base64-encoded (decode it with the b64decode filter). Changes nothing; any size, any bytes.",
    examples: [
      `- name: The host's machine id
  slurp:
    src: /etc/machine-id
  register: machine_id

- debug:
    msg: "{{ machine_id.content | b64decode | trim }}"
`,
    ],
    properties: {
      src: { type: 'string', aliases: ['path'], description: 'The file to read on the host (expanded there: ~ and $VAR).' },
    },
  },
  async run(ctx, a) {
    const r = await runSnippet(ctx, `${assignPath('p', a.src)}\n${READ}`)
    return ok(undefined, { content: r.byId.content?.b64 ?? '', encoding: 'base64', source: decode64(r.byId.src?.path) })
  },
})
