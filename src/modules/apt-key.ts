// apt_key: a key in apt's keyring (apt-key), added from data, a file on the host, a URL (curl on the host)
// or a keyserver, or removed, decided as Ansible's module decides: by the key id given, else the one gpg
// reads from the key. Needs apt-key and gpg on the host, as Ansible's does. One round trip reads the id
// and the keyring; a change costs one more.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { curlConfig } from './lib/curl.js'
import { assignPath } from './lib/host-path.js'
import { changed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface AptKeyArgs {
  id?: string
  data?: string
  file?: string
  keyring?: string
  url?: string
  keyserver?: string
  state: 'present' | 'absent'
  validate_certs: boolean
}

/** parse_output_for_keys: the ids of pub/sub lines that have not expired (`pub rsa4096/ID …` or colon format). */
export function keysOf(output: string, short = false): string[] {
  const found: string[] = []
  for (const line of output.split('\n')) {
    if (!(line.startsWith('pub') || line.startsWith('sub')) || line.includes('expired')) continue
    const code = line.trim().split(/\s+/)[1]
    const slash = code?.split('/')
    if (slash && slash.length === 2) found.push(slash[1])
    else if (line.split(':').length > 4) found.push(line.split(':')[4])
  }
  return short ? found.map((k) => k.slice(-8)) : found
}

/** parse_key_id: [short id, fingerprint (last 16), the id] of 8, 16 or more hex digits, with an optional 0x. */
export function parseKeyId(id: string): [string, string, string] {
  if (!/^\s*(0[xX])?[0-9a-fA-F]+\s*$/.test(id)) throw new ModuleError('Invalid key_id')
  let k = id.trim().toUpperCase()
  if (k.startsWith('0X')) k = k.slice(2)
  if (k.length !== 8 && k.length !== 16 && k.length <= 16) throw new ModuleError('Invalid key_id')
  return [k.slice(-8), k.length > 16 ? k.slice(-16) : k, k]
}

const PRELUDE = String.raw`export LANG=C LC_ALL=C LC_MESSAGES=C
for b in apt-key gpg; do command -v $b >/dev/null 2>&1 || tp_fail "Failed to find required executable \"$b\" on the host"; done
set --; [ -n "$KEYRING" ] && set -- --keyring "$KEYRING"
# apt-key would create a missing --keyring file (empty) just to list it: a missing one lists nothing
list() {
  _id=$1; shift
  if [ -n "$KEYRING" ] && [ ! -e "$KEYRING" ]; then o=; else o=$(apt-key "$@" adv --list-public-keys --keyid-format=long 2>&1) || tp_fail "Unable to list public keys: $o"; fi
  tp_enc "$o"; printf '__TSPLAY__ id=%s out=%s\n' "$_id" "$_e"
}`

// the key's bytes into "$k" (a temp file), from data, the file or the URL
const FETCH = String.raw`k=$(mktemp) || exit 1; G=$(mktemp -d) || exit 1; trap 'rm -rf -- "$k" "$G"' EXIT
case $SRC in
  data) printf %s "$DATA" | base64 -d > "$k" ;;
  file) cp -- "$FILE" "$k" 2>/dev/null || tp_fail "Unable to extract key from '$FILE': cannot read it" ;;
  url) code=$(curl -K - -o "$k" -w '%{http_code}' 2>&1) || tp_fail "error getting key id from url: $URL: $code"
    case $code in 2??) ;; *) tp_fail "Failed to download key at $URL: HTTP Error $code" ;; esac ;;
esac`

export const aptKey = defineModule<AptKeyArgs>({
  name: 'apt_key',
  schema: {
    type: 'object',
    additionalProperties: false,
    description:
      "Adds a key to apt's trusted keys (apt-key), from inline data, a file on the host, a URL or a keyserver, or removes one. With id " +
      'given, a key already there costs nothing more; without it, the id is read from the key with gpg. Needs apt-key and gpg on the host ' +
      "(apt-key is deprecated in Debian: prefer a keyring file in /etc/apt/keyrings and signed-by).",
    examples: [
      `- name: A repository key from a file shipped with the role
  apt_key:
    data: "{{ lookup('file', 'repo.asc') }}"
    state: present

- name: From a URL, checked against its id
  apt_key:
    id: 9DC858229FC7DD38854AE2D88D81803C0EBFCD88
    url: https://download.docker.com/linux/debian/gpg
    keyring: /etc/apt/trusted.gpg.d/docker.gpg

- name: Removed
  apt_key:
    id: 0EBFCD88
    state: absent
`,
    ],
    properties: {
      id: { type: 'string', description: 'The key id (8, 16 or 40 hex digits; the full fingerprint avoids collisions). Required for absent.' },
      data: { type: 'string', description: 'The key itself (ASCII-armored or binary text).' },
      file: { type: 'string', description: 'A key file on the host.' },
      keyring: { type: 'string', description: 'A keyring file to use instead of the default (e.g. in /etc/apt/trusted.gpg.d/).' },
      url: { type: 'string', description: 'A URL the host downloads the key from (curl).' },
      keyserver: { type: 'string', description: 'A keyserver to receive the key from (needs id).' },
      state: { enum: ['present', 'absent'], default: 'present', description: 'Whether the key is there.' },
      validate_certs: { type: 'boolean', default: true, description: 'Check the URL\'s TLS certificate.' },
    },
  },
  async run(ctx, a) {
    const sources = (['data', 'file', 'keyserver', 'url'] as const).filter((k) => a[k] !== undefined)
    if (sources.length > 1) throw new ModuleError(`parameters are mutually exclusive: ${sources.join('|')}`)
    if (!a.id && a.keyserver) throw new ModuleError('Missing key_id, required with keyserver.')
    const src = a.data !== undefined ? 'data' : a.file !== undefined ? 'file' : a.url !== undefined ? 'url' : ''
    const vars = [
      a.keyring ? assignPath('KEYRING', a.keyring) : 'KEYRING=',
      a.file ? assignPath('FILE', a.file) : 'FILE=',
      `SRC=${src}`, `DATA=${quote(Buffer.from(a.data ?? '', 'utf8').toString('base64'))}`, `URL=${quote(a.url ?? '')}`,
    ].join('\n')
    const http = a.url ? curlConfig({ url: a.url, validate_certs: a.validate_certs }) : undefined
    const readId = !a.id && src ? `${FETCH}\nids=$(GNUPGHOME=$G gpg --with-colons "$k" 2>&1) || tp_fail "Unable to extract key from '$([ "$SRC" = file ] && printf %s "$FILE" || echo 'inline data')': $ids"\ntp_enc "$ids"; printf '__TSPLAY__ id=ids out=%s\\n' "$_e"` : ''
    const first = await runSnippet(ctx, `${vars}\n${PRELUDE}\n${readId}\nlist before "$@"`, { stdin: readId && http ? http : undefined })
    const id = a.id ?? (first.byId.ids ? keysOf(decode64(first.byId.ids.out))[0] : undefined)
    const data: Record<string, unknown> = { id: id ?? null }
    if (!id) throw new ModuleError('Invalid key_id', 'no key id given and none could be read from the key')
    const [shortId, fp, keyId] = parseKeyId(id)
    Object.assign(data, { short_id: shortId, fp, key_id: keyId })
    const short = keyId.length === 8
    const before = keysOf(decode64(first.byId.before?.out), short)
    data.before = before
    const want = short ? shortId : fp
    let action: string
    if (a.state === 'present') {
      if (before.includes(want)) return ok(undefined, data)
      if (!src && !a.keyserver) throw new ModuleError('apt_key: No key to add ... how did i get here?!?!', 'give data, file, url or keyserver')
      if (ctx.check) return changed(undefined, data)
      action = a.keyserver
        ? `n=0; until o=$(apt-key "$@" adv --no-tty --keyserver ${quote(a.keyserver)} --recv ${quote(keyId)} 2>&1); do n=$((n + 1)); [ $n -lt 5 ] || tp_fail "Error fetching key ${keyId} from keyserver: ${a.keyserver}: $o"; done`
        : `${FETCH}\no=$(apt-key "$@" add "$k" 2>&1) || tp_fail "Unable to add a key: $o"`
    } else {
      if (!before.includes(fp)) return ok(undefined, data)
      if (ctx.check) return changed(undefined, data)
      action = `o=$(apt-key "$@" del ${quote(shortId)} 2>&1) || tp_fail "Unable to remove a key with id ${shortId}: $o"`
    }
    const second = await runSnippet(ctx, `${vars}\n${PRELUDE}\n${action}\nlist after "$@"`, { stdin: action.includes('curl') && http ? http : undefined })
    const after = keysOf(decode64(second.byId.after?.out), short)
    data.after = after
    const there = after.includes(a.state === 'present' ? want : fp)
    const error = 'apt-key did not return an error, but %s (check that the id is correct and *not* a subkey)'
    if (a.state === 'present' && !there) throw new ModuleError(error.replace('%s', 'failed to add the key'))
    if (a.state === 'absent' && there) throw new ModuleError(error.replace('%s', 'the key was not removed'))
    return changed(undefined, data)
  },
})
