// Ansible decides: the same tasks run once through Debian's ansible-playbook (connection local) and once
// through tsplay's modules (LocalConnection), each case on its own twin directory; the files left behind,
// each task's status and chosen result keys must agree. For modules whose state is files under a path
// argument (known_hosts, cron_file, find, slurp…): the lab compat test covers the ones that change the system.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import yaml from 'js-yaml'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules, type ModuleName } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import type { ModuleDefinition } from '../../../src/modules/types.js'
import { makeCtx } from './harness.js'

export interface ParityCase {
  name: string
  module: ModuleName
  args: Record<string, unknown> // `{dir}`: the case's own directory
  files?: Record<string, string | { content?: string; mode?: number; dir?: boolean; link?: string }>
  check?: boolean
  keys?: string[] // result keys whose values must agree ({dir} made neutral)
  sh?: string // run in the case's directory after `files` (e.g. to make a git repository)
  skipTree?: string[] // find -path patterns below the directory left out of the comparison (e.g. '*/.git')
  ownMsg?: boolean // a failure message of tsplay's own (Ansible's comes from a tool tsplay does not run)
}

export interface ParitySide {
  status: string
  msg: string
  data: Record<string, unknown>
  tree: string
}

export function haveAnsible(): boolean {
  try {
    execFileSync('ansible-playbook', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const fillDir = <T>(v: T, dir: string): T => JSON.parse(JSON.stringify(v).split('{dir}').join(dir)) as T

function prepare(dir: string, files: ParityCase['files'] = {}, sh?: string): void {
  mkdirSync(dir, { recursive: true })
  if (sh) execFileSync('sh', ['-ec', sh], { cwd: dir, stdio: 'pipe' })
  for (const [rel, spec] of Object.entries(files)) {
    const p = join(dir, rel)
    const s = typeof spec === 'string' ? { content: spec } : spec
    mkdirSync(s.dir ? p : dirname(p), { recursive: true })
    if (s.link !== undefined) execFileSync('ln', ['-s', s.link, p])
    else if (!s.dir) writeFileSync(p, s.content ?? '')
    if (s.mode !== undefined) chmodSync(p, s.mode)
  }
}

/** Every entry under dir: path, type, mode, link target, content (the dir itself written as {dir}). */
function tree(dir: string, skip: string[] = []): string {
  const prune = skip.length ? `\\( ${skip.map((p) => `-path '${p}'`).join(' -o ')} \\) -prune -o` : ''
  const out = execFileSync('sh', ['-c', `cd "$1" && find . ${prune} -printf '%p %y %m %l\\n' | sort && find . ${prune} -type f -exec sh -c 'for f; do echo "== $f"; cat "$f"; done' _ {} + `, '_', dir])
  return out.toString().split(dir).join('{dir}')
}

const neutral = (v: unknown, dir: string): unknown => JSON.parse(JSON.stringify(v ?? null).split(dir).join('{dir}'))

/** Runs every case through both tools; returns each side's outcome per case. */
export async function runParity(cases: ParityCase[]): Promise<Array<{ c: ParityCase; ansible: ParitySide; tsplay: ParitySide }>> {
  const base = mkdtempSync(join(tmpdir(), 'tsplay-parity-'))
  try {
    const dirs = cases.map((_, i) => ({ ansible: join(base, 'a', String(i)), tsplay: join(base, 't', String(i)) }))
    cases.forEach((c, i) => (prepare(dirs[i].ansible, c.files, c.sh), prepare(dirs[i].tsplay, c.files, c.sh)))
    const tasks = cases.map((c, i) => ({ name: `case ${i}`, [c.module]: fillDir(c.args, dirs[i].ansible), check_mode: !!c.check, diff: true, ignore_errors: true }))
    const playbook = join(base, 'parity.yml')
    writeFileSync(playbook, yaml.dump([{ hosts: 'localhost', gather_facts: false, tasks }]))
    const env = { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_HOME: join(base, 'ansible-home'), ANSIBLE_LOCALHOST_WARNING: 'False', ANSIBLE_NOCOLOR: '1' }
    let stdout: string
    try {
      stdout = execFileSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', '-e', 'ansible_python_interpreter=/usr/bin/python3', playbook], { env, maxBuffer: 1 << 28 }).toString()
    } catch (e) {
      stdout = String((e as { stdout?: Buffer }).stdout ?? '')
    }
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { plays: Array<{ tasks: Array<{ hosts: Record<string, Record<string, unknown>> }> }> }
    const ansibleResults = report.plays[0].tasks.map((t) => t.hosts.localhost)
    const out = []
    for (const [i, c] of cases.entries()) {
      const r = ansibleResults[i]
      const ansible: ParitySide = {
        status: r.failed ? 'failed' : r.skipped ? 'skipped' : r.changed ? 'changed' : 'ok',
        msg: String(r.msg ?? '').split(dirs[i].ansible).join('{dir}'),
        data: neutral(r, dirs[i].ansible) as Record<string, unknown>,
        tree: tree(dirs[i].ansible, c.skipTree),
      }
      const ctx = makeCtx(new LocalConnection(), { check: !!c.check, diff: true })
      const t = await runModule(modules[c.module] as unknown as ModuleDefinition<never>, ctx, fillDir(c.args, dirs[i].tsplay))
      const tsplay: ParitySide = { status: t.status, msg: (t.msg ?? '').split(dirs[i].tsplay).join('{dir}'), data: neutral(t.data, dirs[i].tsplay) as Record<string, unknown>, tree: tree(dirs[i].tsplay, c.skipTree) }
      out.push({ c, ansible, tsplay })
    }
    return out
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
}
