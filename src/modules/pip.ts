// pip: Python packages on the host, with Ansible's arguments and results. The first round trip finds pip
// (the executable, the virtualenv's, else python3 -m pip as Ansible's interpreter would), creates a missing
// virtualenv and lists what is installed; named packages already as asked end there. Otherwise a second
// runs pip as Ansible runs it and tells changed from its output (or, for requirements and VCS URLs, from
// the package list before and after).
import { ModuleError } from '../errors.js'
import { quote, quoteArgv } from '../util/shell-quote.js'
import { commandWords } from './lib/exec.js'
import { assignPath } from './lib/host-path.js'
import { canonicalName, parseRequirement, satisfies, type Requirement } from './lib/pep440.js'
import { changed, failed, ok } from './lib/result.js'
import { decode64, runSnippet } from './lib/snippet.js'
import { pipSchema } from './pip-schema.js'
import { defineModule, type TaskResult } from './types.js'

export interface PipArgs {
  name?: string[]
  version?: string
  requirements?: string
  virtualenv?: string
  virtualenv_site_packages: boolean
  virtualenv_command: string
  virtualenv_python?: string
  state: 'present' | 'absent' | 'latest' | 'forcereinstall'
  extra_args?: string
  editable: boolean
  chdir?: string
  executable?: string
  umask?: string
}

const STATE: Record<PipArgs['state'], string[]> = { present: ['install'], absent: ['uninstall', '-y'], latest: ['install', '-U'], forcereinstall: ['install', '-U', '--force-reinstall'] }
const OPS = ['>=', '<=', '>', '<', '==', '!=', '~=']

/** Ansible's _recover_package_name: `['django>1', '<2', 'six']` → `['django>1,<2', 'six']`. */
export function recoverNames(names: string[]): string[] {
  const flat = names.flatMap((n) => n.split(','))
  const out: string[] = []
  let parts: string[] = []
  let inBrackets = false
  for (const n of flat) {
    if (!OPS.some((op) => n.trimStart().startsWith(op)) && !inBrackets) {
      if (parts.length) out.push(parts.join(','))
      parts = []
    }
    if (n.includes('[')) inBrackets = true
    if (inBrackets && n.includes(']')) inBrackets = false
    parts.push(n)
  }
  out.push(parts.join(','))
  return out
}

// finds pip as Ansible does, the virtualenv's first; sets PIP (words, for "$@") and prints them
const PRELUDE = String.raw`[ -z "$UMASK" ] || umask "$UMASK" || tp_fail "umask must be an octal integer"
if [ -z "$CHDIR" ]; then for c in "${'$'}{TMPDIR-}" "${'$'}{TEMP-}" "${'$'}{TMP-}" /tmp /var/tmp /usr/tmp; do [ -n "$c" ] && [ -d "$c" ] && { CHDIR=$c; break; }; done; fi
find_pip() {
  if [ -n "$EXE" ]; then set -- "$EXE"
  elif [ -n "$ENV" ]; then
    if [ -x "$ENV/bin/pip3" ]; then set -- "$ENV/bin/pip3"; elif [ -x "$ENV/bin/pip" ]; then set -- "$ENV/bin/pip"
    else tp_fail "Unable to find pip in the virtualenv, $ENV, under any of these names: pip3, pip. Make sure pip is present in the virtualenv."; fi
  elif py=$(command -v python3) && "$py" -c 'import pip' >/dev/null 2>&1; then set -- "$py" -m pip.__main__
  elif p=$(command -v pip3); then set -- "$p"
  else tp_fail "Unable to find any of pip3 to use.  pip needs to be installed."; fi
  for w; do tp_enc "$w"; printf '__TSPLAY__ id=pip w=%s\n' "$_e"; done
  PIP_ARGS=$(for w; do printf '%s\n' "$w"; done)
}
pip_list() { LANG=C LC_ALL=C LC_MESSAGES=C "$@" list --format=freeze 2>&1 || "$@" freeze 2>&1; }
`

const LIST = String.raw`
if [ -n "$ENV" ] && [ ! -e "$ENV/bin/activate" ]; then
  [ "$TP_CHECK" = 1 ] && { echo '__TSPLAY__ id=venv check=1'; exit 0; }
  eval "set -- $VENV_CMD"
  case $1 in */*) ;; *) c=$(command -v "$1") || tp_fail "Failed to find required executable \"$1\" in paths: $PATH"; shift; set -- "$c" "$@" ;; esac
  if [ "$SITE" = 1 ]; then set -- "$@" --system-site-packages
  elif "$1" --help 2>/dev/null | grep -q -- '--no-site-packages'; then set -- "$@" --no-site-packages; fi
  [ -n "$VENV_PY" ] && set -- "$@" "$VENV_PY"
  o=$(cd "$CHDIR" && "$@" "$ENV" 2>&1) || tp_fail "stdout: $o"
  tp_enc "$o"; printf '__TSPLAY__ id=venv out=%s\n' "$_e"
fi
find_pip
IFS='
'; set -f; set -- $PIP_ARGS; set +f; unset IFS
o=$(cd "$CHDIR" && pip_list "$@"); tp_enc "$o"; printf '__TSPLAY__ id=list out=%s\n' "$_e"
`

const RUN = String.raw`
find_pip >/dev/null
IFS='
'; set -f; set -- $PIP_ARGS; set +f; unset IFS
[ -n "$ENV" ] && PATH=$ENV/bin:$PATH
eval "set -- \"\$@\" $TP_ARGS"
e=$(mktemp) || tp_fail "cannot make a temporary file"
o=$(cd "$CHDIR" && "$@" 2>"$e"); rc=$?
tp_enc "$o"; printf '__TSPLAY__ id=run rc=%s out=%s ' "$rc" "$_e"; tp_enc "$(cat "$e")"; printf 'err=%s\n' "$_e"; rm -f -- "$e"
if [ "$AFTER" = 1 ]; then IFS='
'; set -f; set -- $PIP_ARGS; set +f; unset IFS; o=$(cd "$CHDIR" && pip_list "$@"); tp_enc "$o"; printf '__TSPLAY__ id=after out=%s\n' "$_e"; fi
`

function vars(a: PipArgs): string {
  const venvCmd = commandWords('pip', a.virtualenv_command)
  const isVenv = a.virtualenv_command.includes('pyvenv') || a.virtualenv_command.includes('-m venv')
  if (isVenv && a.virtualenv_python) throw new ModuleError('virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command')
  return [
    `UMASK=${quote(a.umask ?? '')}`,
    a.chdir ? assignPath('CHDIR', a.chdir) : 'CHDIR=',
    // Ansible joins virtualenv to chdir only when chdir is given (an absolute virtualenv stays as it is)
    a.virtualenv ? `${assignPath('ENV', a.virtualenv)}; case $ENV in /*) ;; *) [ -n "$CHDIR" ] && ENV=$CHDIR/$ENV ;; esac` : 'ENV=',
    a.executable ? assignPath('EXE', a.executable) : 'EXE=',
    `VENV_CMD=${quote(quoteArgv(venvCmd))}`, `SITE=${a.virtualenv_site_packages ? 1 : ''}`,
    // virtualenv gets -p<python>: the given one, else the host's python3 (Ansible's own interpreter there)
    isVenv ? 'VENV_PY=' : a.virtualenv_python ? `VENV_PY=${quote(`-p${a.virtualenv_python}`)}` : 'VENV_PY=-p$(command -v python3)',
  ].join('\n')
}

/** `name==version` lines of pip list/freeze. */
function installed(list: string): Map<string, string> {
  const m = new Map<string, string>()
  for (const line of list.split('\n')) {
    const i = line.indexOf('==')
    if (i > 0) m.set(canonicalName(line.slice(0, i).trim()), line.slice(i + 2).trim())
  }
  return m
}

export const pip = defineModule<PipArgs>({
  name: 'pip',
  schema: pipSchema,
  async run(ctx, a) {
    if (!a.name?.length && !a.requirements) throw new ModuleError('one of the following is required: name, requirements')
    if (a.name?.length && a.requirements) throw new ModuleError('parameters are mutually exclusive: name|requirements')
    if (a.executable && a.virtualenv) throw new ModuleError('parameters are mutually exclusive: executable|virtualenv')
    if (a.umask !== undefined && !/^[0-7]+$/.test(a.umask)) throw new ModuleError(`pip: umask must be an octal integer, not '${a.umask}'`)
    if (a.state === 'latest' && a.version !== undefined) throw new ModuleError('version is incompatible with state=latest')
    const names = a.name?.length ? recoverNames(a.name) : undefined
    let pkgs = names?.map((n) => ({ text: n, req: parseRequirement(n) }))
    if (pkgs && a.version !== undefined) {
      if (pkgs.length > 1) throw new ModuleError("'version' argument is ambiguous when installing multiple package distributions. Please specify version restrictions next to each package in 'name' argument.")
      if (pkgs[0].req?.specs.length) throw new ModuleError("The 'version' argument conflicts with any version specifier provided along with a package name. Please keep the version specifier, but remove the 'version' argument.")
      const v = a.version.trimStart()
      const text = `${pkgs[0].text}${/^\d/.test(v) ? '==' : ' '}${v}`
      pkgs = [{ text, req: parseRequirement(text) }]
    }
    let extra = a.extra_args
    if (a.editable && !(extra ?? '').split(' ').includes('-e')) extra = [...(extra ? extra.split(' ') : []), '-e'].join(' ')
    const args = [...STATE[a.state], ...(extra ? commandWords('pip', extra) : []), ...(pkgs ? pkgs.map((p) => p.text) : ['-r', a.requirements as string])]
    const base = vars(a)
    const first = await runSnippet(ctx, `${base}\n${PRELUDE}\n${LIST}`, { check: ctx.check })
    const venvOut = first.byId.venv?.out ? decode64(first.byId.venv.out) : ''
    if (first.byId.venv?.check) return changed(undefined, {})
    const pipWords = first.records.filter((r) => r.id === 'pip').map((r) => decode64(r.w))
    const list = decode64(first.byId.list?.out)
    const cmd = [...pipWords, ...args]
    const hasVcs = !!a.name?.some((n) => /^(svn|git|hg|bzr)\+/.test(n))
    const have = installed(list)
    const present = (r: Requirement | undefined) => !!r && have.has(r.name) && satisfies(r, have.get(r.name) as string)
    if (ctx.check) {
      if (extra || a.requirements || a.state === 'latest' || !pkgs) return changed(undefined, {})
      const change = pkgs.some((p) => (a.state === 'present' && !present(p.req)) || (a.state === 'absent' && present(p.req)))
      const data = { cmd: `${pipWords.join(' ')} list --format=freeze`, stdout: list, stderr: '' }
      return change ? changed(undefined, data) : ok(undefined, data)
    }
    const data = { cmd, name: a.name ?? null, version: a.version ?? null, state: a.state, requirements: a.requirements ?? null, virtualenv: a.virtualenv ?? null }
    const venvCreated = first.byId.venv !== undefined
    // what pip would find already done: plain names, present or absent, no extra arguments
    const plain = pkgs && !extra && !hasVcs && pkgs.every((p) => p.req)
    if (plain && a.state === 'present' && pkgs!.every((p) => present(p.req))) return result(venvCreated, data, venvOut, '')
    if (plain && a.state === 'absent' && pkgs!.every((p) => !have.has(p.req!.name))) return result(venvCreated, data, venvOut, '')
    const second = await runSnippet(ctx, `${base}\nAFTER=${a.requirements || hasVcs ? 1 : ''}\nTP_ARGS=${quote(quoteArgv(args))}\n${PRELUDE}\n${RUN}`)
    const run = second.byId.run
    const out = decode64(run.out)
    const err = decode64(run.err)
    const stdout = venvOut + out
    if (run.rc !== '0' && !(run.rc === '1' && a.state === 'absent' && (out.includes('not installed') || err.includes('not installed')))) {
      return failed(`${stdout ? `stdout: ${stdout}` : ''}${err ? `\n:stderr: ${err}` : ''}`, { cmd })
    }
    let change: boolean
    if (a.state === 'absent') change = out.includes('Successfully uninstalled')
    else if (a.requirements || hasVcs) change = list !== decode64(second.byId.after?.out)
    else change = out.includes('Successfully installed')
    return result(change || venvCreated, data, stdout, err)
  },
})

function result(change: boolean, data: Record<string, unknown>, stdout: string, stderr: string): TaskResult {
  const d = { ...data, stdout, stderr }
  return change ? changed(undefined, d) : ok(undefined, d)
}
