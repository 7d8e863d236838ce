// package_facts: the installed packages as the fact `packages` (name → list of {name, version, source, …}),
// shaped as Ansible's module shapes them, read in one round trip: dpkg (with apt's section and origin, as
// python-apt gives them), rpm, apk and pacman. Changes nothing.
import { ModuleError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import { ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { defineModule } from './types.js'

export interface PackageFactsArgs {
  manager: string[]
  strategy: 'first' | 'all'
}

const KNOWN = ['rpm', 'apt', 'pacman', 'pkg', 'portage', 'apk', 'pkg_info'] // Ansible's order for auto
const SUPPORTED = new Set(['rpm', 'apt', 'pacman', 'apk'])

// one sh function per manager: prints its raw listing as a record, or nothing when it is not usable here
const LISTERS = String.raw`emit() { tp_enc "$2"; printf '__TSPLAY__ id=%s out=%s\n' "$1" "$_e"; }
list_apt() {
  command -v dpkg-query >/dev/null 2>&1 || return 1
  o=$(dpkg-query -W -f='${'$'}{db:Status-Abbrev}\t${'$'}{Package}\t${'$'}{Version}\t${'$'}{Architecture}\t${'$'}{Section}\n' 2>/dev/null) || return 1
  emit apt "$o"; emit apt_arch "$(dpkg --print-architecture 2>/dev/null)"
  if command -v apt-cache >/dev/null 2>&1; then
    names=$(printf '%s\n' "$o" | awk -F'\t' 'substr($1, 2, 1) !~ /[nc]/ { print ($4 == "all" || $4 == arch) ? $2 : $2 ":" $4 }' arch="$(dpkg --print-architecture)")
    emit apt_files "$(apt-cache policy 2>/dev/null)"
    emit apt_policy "$(printf '%s\n' "$names" | xargs -r apt-cache policy 2>/dev/null)"
    # the archive's section of each installed package (apt's, which may differ from dpkg's)
    tf=$(mktemp) || return 1; printf '%s\n' "$o" > "$tf"
    emit apt_sections "$(apt-cache dumpavail 2>/dev/null | awk 'NR == FNR { split($0, f, "\t"); want[f[2] "=" f[3]] = 1; next } /^Package: / { p = substr($0, 10) } /^Version: / { v = substr($0, 10) } /^Section: / { s = substr($0, 10) } /^$/ { if ((p "=" v) in want) print p "=" v "\t" s; p = v = s = "" }' "$tf" -)"
    rm -f -- "$tf"
  fi
}
list_rpm() {
  command -v rpm >/dev/null 2>&1 || return 1
  o=$(rpm -qa --qf '%{NAME}\t%{VERSION}\t%{RELEASE}\t%{EPOCH}\t%{ARCH}\n' 2>/dev/null) && [ -n "$o" ] || return 1
  emit rpm "$o"
}
list_apk() { command -v apk >/dev/null 2>&1 && o=$(apk info -v 2>/dev/null) && emit apk "$o"; }
list_pacman() { command -v pacman >/dev/null 2>&1 && o=$(LC_ALL=C pacman -Qi 2>/dev/null) && emit pacman "$o"; }
for m in $MANAGERS; do
  if list_$m; then echo "__TSPLAY__ id=found m=$m"; [ "$STRATEGY" = first ] && break; fi
done`

type Pkg = Record<string, unknown>

/** apt-cache policy's package files: "500 http://… bookworm/main amd64 Packages" → its release's origin (o=). */
function origins(files: string): Map<string, string> {
  const map = new Map<string, string>()
  let key: string | undefined
  for (const line of files.split('\n')) {
    const file = /^\s*-?\d+\s+(\S.*)$/.exec(line)
    if (file && !line.trim().startsWith('release')) key = file[1].trim()
    const rel = /^\s+release\s+(.*)$/.exec(line)
    if (rel && key !== undefined) map.set(key, /(?:^|,)o=([^,]*)/.exec(rel[1])?.[1] ?? '')
  }
  return map
}

/** Each package's installed version's first package file, from `apt-cache policy NAMES…`. */
function firstFiles(policy: string): Map<string, string> {
  const out = new Map<string, string>()
  let name: string | undefined
  let installed = false
  for (const line of policy.split('\n')) {
    if (/^\S.*:$/.test(line)) ((name = line.slice(0, -1)), (installed = false))
    else if (/^ \*\*\* /.test(line)) installed = true
    else if (installed && name !== undefined) {
      const f = /^\s+-?\d+\s+(\S.*)$/.exec(line)
      if (f) out.set(name, f[1].trim())
      installed = false
    }
  }
  return out
}

function aptPackages(list: string, arch: string, files: string, policy: string, sections: string): Pkg[] {
  const originOf = origins(files)
  const fileOf = firstFiles(policy)
  const sectionOf = new Map(sections.split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]))
  return list.split('\n').filter(Boolean).flatMap((line) => {
    const [status, name, version, a, section] = line.split('\t')
    if (/[nc]/.test(status[1] ?? 'n')) return []
    const key = a === 'all' || a === arch ? name : `${name}:${a}`
    const file = fileOf.get(key) ?? fileOf.get(name)
    // a version apt knows from an archive takes the archive's section (python-apt's Version.section)
    const fromArchive = file !== undefined && !file.endsWith('/var/lib/dpkg/status')
    const category = (fromArchive && sectionOf.get(`${name}=${version}`)) || section
    return [{ name: key, version, arch: a, category, origin: file === undefined ? '' : originOf.get(file) ?? '', source: 'apt' }]
  })
}

function pacmanPackages(out: string): Pkg[] {
  return out.split('\n\n').filter((b) => b.trim()).map((block) => {
    const d: Record<string, string> = {}
    let last = ''
    for (const line of block.split('\n')) {
      const m = /^([\w ]*\w) +: (.*)$/.exec(line)
      if (m) d[(last = m[1])] = m[2]
      else if (last) d[last] += `  ${line.trimStart()}`
    }
    const provides = d.Provides !== 'None' && d.Provides !== undefined ? d.Provides.split('  ').map((p) => p.split('=')[0]) : null
    return { name: d.Name, version: d.Version, arch: d.Architecture, provides, source: 'pacman' }
  })
}

export const packageFacts = defineModule<PackageFactsArgs>({
  name: 'package_facts',
  schema: {
    type: 'object',
    additionalProperties: false,
    description:
      'Sets the fact `packages`: every installed package by name, each a list of {name, version, source, …} (one per installed version). ' +
      'dpkg/apt (with arch, category and origin), rpm (release, epoch, arch), apk and pacman. Changes nothing; one round trip.',
    examples: [
      `- name: What is installed
  package_facts:

- debug:
    msg: "openssh-server {{ ansible_facts.packages['openssh-server'][0].version }}"
  when: "'openssh-server' in ansible_facts.packages"
`,
    ],
    properties: {
      manager: { type: 'array', items: { type: 'string' }, default: ['auto'], description: 'The package managers to ask: auto, apt, rpm, apk, pacman.' },
      strategy: { enum: ['first', 'all'], default: 'first', description: 'first: the first usable manager only; all: every usable one.' },
    },
  },
  async run(ctx, a) {
    const asked = a.manager.map((m) => m.toLowerCase())
    const managers = asked.includes('auto') ? [...asked.filter((m) => m !== 'auto'), ...KNOWN] : asked
    const unknown = managers.filter((m) => !KNOWN.includes(m))
    if (unknown.length) throw new ModuleError(`Unsupported package managers requested: ${unknown.join(', ')}`)
    const notHere = asked.filter((m) => KNOWN.includes(m) && !SUPPORTED.has(m))
    if (notHere.length) throw new ModuleError(`package_facts: tsplay does not read ${notHere.join(', ')} packages`, 'it reads apt, rpm, apk and pacman')
    const order = [...new Set(managers.filter((m) => SUPPORTED.has(m)))]
    const r = await runSnippet(ctx, `MANAGERS=${quote(order.join(' '))}; STRATEGY=${a.strategy}\n${LISTERS}`)
    const found = r.records.filter((x) => x.id === 'found').map((x) => x.m)
    if (!found.length) throw new ModuleError(`Could not detect a supported package manager from the following list: ${JSON.stringify(order)}, or the required Python library is not installed. Check warnings for details.`)
    const get = (id: string) => decode64(r.byId[id]?.out)
    const all: Pkg[] = []
    for (const m of found) {
      if (m === 'apt') all.push(...aptPackages(get('apt'), get('apt_arch').trim(), get('apt_files'), get('apt_policy'), get('apt_sections')))
      if (m === 'rpm') all.push(...get('rpm').split('\n').filter(Boolean).map((l) => {
        const [name, version, release, epoch, arch] = l.split('\t')
        return { name, version, release, epoch: epoch === '(none)' ? null : Number(epoch), arch, source: 'rpm' }
      }))
      if (m === 'apk') all.push(...get('apk').split('\n').filter(Boolean).map((l) => {
        const p = l.split('-')
        return p.length < 3 ? { name: l, version: '', release: '', source: 'apk' } : { name: p.slice(0, -2).join('-'), version: p[p.length - 2], release: p[p.length - 1], source: 'apk' }
      }))
      if (m === 'pacman') all.push(...pacmanPackages(get('pacman')))
    }
    const packages: Record<string, Pkg[]> = {}
    for (const p of all) (packages[p.name as string] ??= []).push(p)
    return ok(undefined, { ansible_facts: { packages } })
  },
})
