// known_hosts: one host's key in a known_hosts file, added, replaced (same key type) or removed, decided as
// Ansible's module decides with `ssh-keygen -F` — here the file is read in one round trip and matched on the
// controller (plain, wildcard, negated and hashed host patterns), so the host needs no ssh-keygen.
import { hashHostName, patternsMatch } from '../connection/known-hosts.js'
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { pathInfo } from './lib/path-info.js'
import { changed, ok } from './lib/result.js'
import { runSnippet } from './lib/snippet.js'
import { readTextFile, writeTextFile } from './lib/text-file.js'
import { defineModule } from './types.js'

export interface KnownHostsArgs {
  name: string
  key?: string
  path: string
  hash_host: boolean
  state: 'present' | 'absent'
}

interface KeyFields { options?: string; host: string; type: string; key: string }

/** Ansible's normalize_known_hosts_key: marker, host field, type and key of the first line. */
function normalize(line: string): KeyFields {
  const k = line.trim().split(/\s+/)
  return k[0]?.startsWith('@') ? { options: k[0], host: k[1], type: k[2], key: k[3] } : { host: k[0], type: k[1], key: k[2] }
}
const same = (a: KeyFields, b: KeyFields) => a.options === b.options && a.host === b.host && a.type === b.type && a.key === b.key

/** ssh's host pattern match; a pattern too long for a RegExp can still equal the name */
function matches(patterns: string, host: string): boolean {
  try {
    return patternsMatch(patterns, host)
  } catch {
    return patterns.toLowerCase() === host
  }
}

/** What `ssh-keygen -F host` finds: [line number, line] of every line whose host field matches. */
export function findHost(text: string, host: string): Array<[number, string]> {
  const out: Array<[number, string]> = []
  text.split('\n').forEach((line, i) => {
    const fields = line.trim().split(/\s+/)
    if (!fields[0] || fields[0].startsWith('#')) return
    const hosts = fields[0].startsWith('@') ? fields[1] : fields[0]
    if (hosts && matches(hosts, host)) out.push([i + 1, line])
  })
  return out
}

/** search_for_host_key: is the host there, must the key be replaced or added, on which line. */
export function searchHostKey(text: string | undefined, host: string, key: string | undefined): { found: boolean; replace: boolean; line?: number } {
  if (text === undefined) return { found: false, replace: false }
  const hits = findHost(text, host)
  if (!hits.length) return { found: false, replace: false }
  if (!key) return { found: true, replace: false }
  const wanted = normalize(key)
  for (const [n, l] of hits) {
    const have = normalize(l)
    if (wanted.host.startsWith('|1|') && have.host.startsWith('|1|')) wanted.host = have.host // a hashed host stays as hashed
    if (same(wanted, have)) return { found: true, replace: false, line: n }
    if (wanted.type === have.type) return { found: true, replace: true, line: n }
  }
  return { found: true, replace: true }
}

/** The file's lines (keeping their ends) without line `drop`, and with `add` at the end. */
function edit(text: string, drop: number | undefined, add: string | undefined): string {
  const lines = text === '' ? [] : text.split(/(?<=\n)/)
  if (drop !== undefined && drop >= 1 && drop <= lines.length) lines.splice(drop - 1, 1)
  if (add !== undefined) lines.push(add)
  return lines.join('')
}

export const knownHosts = defineModule<KnownHostsArgs>({
  name: 'known_hosts',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    description:
      "Adds or removes a host's public key in a known_hosts file, one entry per key type: a different key of the same type " +
      'replaces the old one. Host patterns in the file (lists, wildcards, [host]:port, hashed names) are matched as ssh-keygen -F matches them.',
    examples: [
      `- name: The build server, for git over ssh
  known_hosts:
    path: /etc/ssh/ssh_known_hosts
    name: git.example.com
    key: "git.example.com,10.0.0.7 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsRKpVNLSw8Rnv2Sla4jMHWrJ6X0YTOdeS2nJEXlGQp"

- name: A custom port, hashed in the file
  known_hosts:
    name: "[git.example.com]:2222"
    key: "[git.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsRKpVNLSw8Rnv2Sla4jMHWrJ6X0YTOdeS2nJEXlGQp"
    hash_host: true

- name: Every key of an old host removed
  known_hosts:
    name: old.example.com
    state: absent
`,
    ],
    properties: {
      name: { type: 'string', aliases: ['host'], description: 'The host (lowercased), as in the key line: a name, an address, or [host]:port for another port.' },
      key: { type: 'string', description: 'The known_hosts line: "<host>[,<ip>] <type> <base64 key>" (not a bare public key). Required for present; for absent, without it every key of the host is removed.' },
      path: { type: 'string', default: '~/.ssh/known_hosts', description: 'The known_hosts file (expanded on the host); created when missing, its directory must exist.' },
      hash_host: { type: 'boolean', default: false, description: 'Write the host name hashed (|1|salt|hmac), as HashKnownHosts does.' },
      state: { enum: ['present', 'absent'], default: 'present', description: 'Whether the key is in the file.' },
    },
  },
  async run(ctx, a) {
    const host = a.name.toLowerCase()
    let key = a.key || undefined
    if (!key && a.state !== 'absent') throw new ModuleError('No key specified when adding a host')
    if (key) {
      if (/\S+(\s+)?,(\s+)?/.test(host)) throw new ModuleError('Comma separated list of names is not supported. Please pass a single name to lookup in the known_hosts file.')
      const fields = key.trim().split(/\s+/)
      if (fields.length < (fields[0].startsWith('@') ? 4 : 3)) throw new ModuleError(`known_hosts: 'key' is not a known_hosts line: expected "<host> <type> <base64 key>"`)
      if (a.hash_host) {
        const i = fields[0].startsWith('@') ? 1 : 0
        fields[i] = hashHostName(host)
        key = fields.join(' ')
      }
      if (!key.endsWith('\n')) key += '\n'
      if (!findHost(key, host).length) throw new ModuleError('Host parameter does not match hashed host field in supplied key')
    }
    const file = await readTextFile(ctx, a.path)
    if (file.probe.exists === '1' && file.probe.type === 'd') throw new ModuleError(`known_hosts: ${file.path} is a directory`)
    const { found, replace, line } = searchHostKey(file.text, host, key)
    const before = file.text ?? ''
    const wipe = found && !key && a.state === 'absent' // ssh-keygen -R: every unmarked line of the host
    let after = edit(before, replace || a.state === 'absent' ? line : undefined, a.state === 'present' && (replace || line === undefined) ? key : undefined)
    // Ansible's result always carries its diff (computed before ssh-keygen -R, so a wipe shows none)
    const ansibleDiff = { before_header: file.exists ? file.path : '/dev/null', after_header: file.path, before, after }
    const data = { name: a.name, key: a.key ?? null, path: file.path, hash_host: a.hash_host, state: a.state, diff: ansibleDiff }
    if (a.state === 'absent' && line === undefined && key) return ok(undefined, { ...data, ...pathInfo(file.probe) })
    const diff = ctx.diff ? [{ path: file.path, before, after }] : undefined
    const change = replace || found !== (a.state === 'present')
    // in check mode Ansible's result holds the decision and the diff only
    if (ctx.check) return change ? changed(undefined, { diff: ansibleDiff }, diff) : ok(undefined, { diff: ansibleDiff }, diff)
    if (!change) return ok(undefined, { ...data, ...pathInfo(file.probe) })
    if (wipe) after = before.split(/(?<=\n)/).filter((l) => l.trim().startsWith('@') || !findHost(l, host).length).join('')
    if (!file.dirExists) throw new ModuleError(`known_hosts: Failed to write to file ${file.path}: its directory does not exist`)
    let mode: string | undefined
    if (wipe) {
      // as ssh-keygen -R leaves it: the original kept as <path>.old, the new file's mode masked with 0644
      await runSnippet(ctx, `cp -p -- ${quote(file.path)} ${quote(`${file.path}.old`)} || exit 1`)
      mode = (parseInt(file.probe.mode, 8) & 0o644).toString(8).padStart(4, '0')
    }
    await writeTextFile(ctx, file, after, { mode })
    // the file as the write left it (a new file is probed: its owner is whoever the task runs as)
    const probe = file.probe.exists === '1' ? file.probe : (await runSnippet(ctx, `tp_probe f ${quote(file.path)} '' || exit 1`)).byId.f
    const info = pathInfo(probe, { size: Buffer.byteLength(after), mode: mode === undefined ? undefined : parseInt(mode, 8) })
    return changed(undefined, { ...data, ...info }, wipe ? [{ path: file.path, before, after }] : diff)
  },
})
