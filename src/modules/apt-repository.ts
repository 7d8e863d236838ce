// apt_repository: a one-line APT source added to (or removed from) sources.list / sources.list.d/*.list as
// Ansible's module edits them, then apt-get update when something changed. One round trip reads every
// source file (where apt-config says they are); a change costs one more that writes the files that differ,
// removes emptied ones and updates the cache, putting the files back if the update fails.
import { ModuleError } from '../errors.js'
import { printfBytes, quote } from '../util/shell-quote.js'
import { addSource, dumpSources, loadSources, removeSource, suggestFilename, type Sources } from './lib/apt-sources.js'
import { formatMode, parseMode } from './lib/mode.js'
import { changed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule, type Diff } from './types.js'

export interface AptRepositoryArgs {
  repo: string
  state: 'present' | 'absent'
  mode?: string | number
  update_cache: boolean
  update_cache_retries: number
  update_cache_retry_max_delay: number
  validate_certs: boolean
  filename?: string
  codename?: string
  install_python_apt: boolean
}

const READ = String.raw`command -v apt-config >/dev/null 2>&1 || tp_fail "apt_repository: apt-config not found: not a Debian-family host"
eval "$(apt-config shell SL Dir::Etc::sourcelist/f SP Dir::Etc::sourceparts/d)"
tp_enc "$SP"; printf '__TSPLAY__ id=parts path=%s\n' "$_e"
for f in "$SL" "${'$'}{SP%/}"/*.list; do
  [ -f "$f" ] || continue
  tp_enc "$f"; printf '__TSPLAY__ id=file path=%s b64=' "$_e"; base64 -w0 < "$f" || exit 1; echo
done`

/** sh that installs `text` at `path` through a temp file beside it (an existing file keeps its mode and owner). */
function writeFile(path: string, text: string, exists: boolean, mode: number | undefined): string {
  const q = quote(path)
  const dir = path.replace(/\/[^/]*$/, '') || '/'
  // a new file gets what Python's atomic_move gives it: 0666 minus the umask
  const fresh = '"$(printf %o $((0666 & ~0$(umask))))"'
  return [
    `t=$(mktemp ${quote(`${dir}/.${path.replace(/^.*\//, '')}-XXXXXXXX`)}) || exit 1; TMPS="$TMPS $t"`,
    `${printfBytes(Buffer.from(text, 'utf8'))} > "$t" || exit 1`,
    exists ? `chmod --reference=${q} "$t" && chown --reference=${q} "$t" || exit 1` : `chmod ${fresh} "$t" || exit 1`,
    mode !== undefined ? `chmod ${formatMode(mode)} "$t" || exit 1` : '',
    `mv -f -- "$t" ${q} || exit 1`,
  ].join('\n')
}

export const aptRepository = defineModule<AptRepositoryArgs>({
  name: 'apt_repository',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['repo'],
    description:
      'Adds or removes a one-line APT source (deb or deb-src) in /etc/apt/sources.list or a sources.list.d/*.list file named after its URL, ' +
      'and runs apt-get update when something changed. A line that is already there, even commented out, is enabled where it is. ' +
      'PPA shortcuts (ppa:…) need Launchpad and are refused: give the deb line.',
    examples: [
      `- name: A local repository
  apt_repository:
    repo: "deb [trusted=yes] file:/srv/repo ./"
    filename: local

- name: Docker's repository, without the cache update
  apt_repository:
    repo: "deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.gpg] https://download.docker.com/linux/debian bookworm stable"
    update_cache: false

- name: Gone
  apt_repository:
    repo: "deb http://archive.example.com/debian bookworm main"
    state: absent
`,
    ],
    properties: {
      repo: { type: 'string', description: 'The source line, e.g. "deb http://deb.example.com/debian bookworm main".' },
      state: { enum: ['present', 'absent'], default: 'present', description: 'Whether the source is there (enabled).' },
      mode: { type: ['string', 'integer'], description: 'Mode of a new sources.list.d file (default: 0666 minus the umask).' },
      update_cache: { type: 'boolean', default: true, aliases: ['update-cache'], description: 'Run apt-get update after a change (the files are put back if it fails).' },
      update_cache_retries: { type: 'integer', default: 5, description: 'How many times to try the update.' },
      update_cache_retry_max_delay: { type: 'integer', default: 12, description: 'The most seconds to wait between tries (the wait doubles from 1).' },
      validate_certs: { type: 'boolean', default: true, description: 'Accepted for compatibility (only PPAs, which tsplay refuses, fetch anything).' },
      filename: { type: 'string', description: 'Name of the sources.list.d file (.list is added); default: from the repository URL.' },
      codename: { type: 'string', description: 'Accepted for compatibility (PPAs only).' },
      install_python_apt: { type: 'boolean', default: true, description: 'Accepted for compatibility: tsplay needs no python3-apt.' },
    },
  },
  async run(ctx, a) {
    if (!a.repo) throw new ModuleError("Please set argument 'repo' to a non-empty value")
    if (a.repo.startsWith('ppa:')) throw new ModuleError(`apt_repository: PPA repositories are not supported: '${a.repo}'`, 'a PPA needs Launchpad on the network: give its deb line (and its key) instead')
    const mode = parseMode(a.mode)
    if (mode?.kind === 'symbolic') throw new ModuleError(`apt_repository: 'mode' must be octal, not '${a.mode}'`)
    const r = await runSnippet(ctx, READ)
    const partsDir = decode64(r.byId.parts?.path)
    const raw = new Map<string, string>()
    const files: Sources = new Map()
    for (const rec of r.records.filter((x) => x.id === 'file')) {
      const path = decode64(rec.path)
      const text = Buffer.from(rec.b64 ?? '', 'base64').toString('utf8')
      raw.set(path, text)
      files.set(path, loadSources(text))
    }
    const target = suggestFilename(a.repo.replace(/^\s*#?/, ''), a.filename)
    const after = a.state === 'present' ? addSource(files, a.repo, target, partsDir) : removeSource(files, a.repo)
    const [dumpBefore, dumpAfter] = [dumpSources(files), dumpSources(after)]
    const names = [...new Set([...dumpBefore.keys(), ...dumpAfter.keys()])]
    const isChanged = names.some((f) => dumpBefore.get(f) !== dumpAfter.get(f))
    // Ansible's result: every file read or written, before and after, when it changed something under --diff
    const fileDiffs = names.map((f) => ({ before: dumpBefore.get(f) ?? '', after: dumpAfter.get(f) ?? '', before_header: dumpBefore.has(f) ? f : '/dev/null', after_header: dumpAfter.has(f) ? f : '/dev/null' }))
    const data = { repo: a.repo, state: a.state, diff: isChanged && ctx.diff ? fileDiffs : {} }
    if (!isChanged) return ok(undefined, data)
    const diff: Diff[] | undefined = ctx.diff ? names.filter((f) => dumpBefore.get(f) !== dumpAfter.get(f)).map((f) => ({ path: f, before: dumpBefore.get(f) ?? '', after: dumpAfter.get(f) ?? '' })) : undefined
    if (ctx.check) return changed(undefined, data, diff)
    // Ansible rewrites every file it read (as rendered) and removes those left without lines
    // mode goes to the file a line was appended to (Ansible's new_repos)
    const grew = (f: string) => (files.get(f)?.length ?? 0) < (after.get(f)?.length ?? 0)
    const writes = [...dumpAfter].filter(([f, text]) => raw.get(f) !== text)
    const removals = [...after].filter(([f, lines]) => !lines.length && raw.has(f)).map(([f]) => f)
    // what puts the files back when the cache update fails: copies of the old ones, new ones removed
    const touched = [...writes.map(([f]) => f), ...removals]
    const backup = touched.map((f, i) => (raw.has(f) ? `cp -p -- ${quote(f)} "$BK/${i}" || exit 1` : ''))
    const revert = touched.map((f, i) => (raw.has(f) ? `cp -p -- "$BK/${i}" ${quote(f)}` : `rm -f -- ${quote(f)}`))
    const retries = Math.max(1, a.update_cache_retries)
    const body = [
      'BK=$(mktemp -d) || exit 1; TMPS=',
      `trap 'rm -rf -- "$BK" $TMPS' EXIT`,
      `mkdir -p -- ${quote(partsDir)} || exit 1`,
      ...backup,
      ...writes.map(([f, text]) => writeFile(f, text, raw.has(f), grew(f) && mode ? mode.value : undefined)),
      ...removals.map((f) => `rm -f -- ${quote(f)} || exit 1`),
      a.update_cache
        ? String.raw`i=0; ok=
while [ $i -lt ${retries} ]; do
  if out=$(apt-get update 2>&1) && ! printf '%s\n' "$out" | grep -q '^[WE]: Failed to fetch'; then ok=1; break; fi
  d=$((1 << i)); [ $d -gt ${a.update_cache_retry_max_delay} ] && d=${a.update_cache_retry_max_delay}; i=$((i + 1))
  [ $i -lt ${retries} ] && sleep $d
done
if [ -z "$ok" ]; then
  ${revert.join('\n  ')}
  tp_fail "Failed to update apt cache: $(printf '%s\n' "$out" | grep '^[WE]:' | head -3)"
fi`
        : '',
    ].join('\n')
    await runSnippet(ctx, body)
    return changed(undefined, data, diff)
  },
})
