// Data-driven module cases, runnable over any Connection: LocalConnection in a temp dir (unit) or a lab
// host over SSH (e2e). Paths in cases use `{root}`, replaced by the per-case directory on the host.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Handlebars from 'handlebars'
import { expect } from 'vitest'
import type { BecomeOptions, Connection } from '../../../src/connection/types.js'
import { modules, type ModuleName } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import type { ModuleContext, ModuleDefinition, TaskResult, TaskStatus } from '../../../src/modules/types.js'
import { quote } from '../../../src/util/shell-quote.js'

export interface SetupEntry {
  path: string
  content?: string
  base64?: string // binary content
  dir?: boolean
  link?: string
  mode?: string
  owner?: string
}

export interface FileExpect {
  path: string
  content?: string
  mode?: string // '0644'
  owner?: string
  group?: string
  absent?: boolean
  type?: 'f' | 'd' | 'l'
  target?: string
}

export interface ModuleCase {
  name: string
  module: ModuleName
  args: Record<string, unknown>
  setup?: SetupEntry[]
  first?: TaskStatus // default 'changed'
  second?: TaskStatus // default 'ok' (unless first failed)
  check?: TaskStatus // status in check mode; default = first
  msg?: string // substring of msg (failures)
  files?: FileExpect[]
  data?: Record<string, unknown>
  diff?: string[] // substrings of the -D diff's `after` text
  searchPaths?: string[]
  vars?: Record<string, unknown>
  before?: string[] // sh lines run on the host before the case (after setup)
  verifyCheck?: string[] // sh lines that must exit 0 after the check-mode run
  verify?: string[] // sh lines that must exit 0 after the first real run
  secret?: string // must not appear anywhere in the results
  trips?: number // remote operations an ok second run may cost (default 1: one conn.run, no transfer)
  firstTrips?: number // if given: the conn.run calls the first real run must cost (none other)
}

/** Wraps a connection to count what a module run costs on the wire. */
export function counting(conn: Connection): { conn: Connection; ops: string[] } {
  const ops: string[] = []
  return {
    ops,
    conn: {
      host: conn.host,
      run: (c, o) => (ops.push('run'), conn.run(c, o)),
      put: (c, p, o) => (ops.push('put'), conn.put(c, p, o)),
      get: (p, o) => (ops.push('get'), conn.get(p, o)),
      close: () => conn.close(),
    },
  }
}

export interface Target {
  conn: Connection // what the module uses
  become?: BecomeOptions // the module's become (ctx.become)
  admin?: Connection // what the harness uses to prepare and inspect the host (default: conn)
  root: string // a scratch directory on the host
  /** More `{name}` placeholders for cases, e.g. `{http}`: a test web server's base URL. */
  placeholders?: Record<string, string>
  /** Optional: a listing of everything a run changed (lab upperdir); compared around check mode. */
  changes?: () => Promise<string>
}

/** A task context; `render` stands in for the engine's renderer (Handlebars, noEscape, task vars). */
export function makeCtx(conn: Connection, opts: Partial<ModuleContext> = {}): ModuleContext {
  const vars = opts.vars ?? {}
  const render = (text: string) => Handlebars.compile(text, { noEscape: true, strict: true })(vars)
  return { host: conn.host, conn, check: false, diff: false, vars, searchPaths: [], render, ...opts }
}

const jsonEsc = (s: string) => s.replace(/["\\]/g, (c) => `\\${c}`)

/** `{root}`: the case's directory on the host; `{ctl}`: its directory on the controller (src files). */
export function fill<T>(value: T, root: string, ctl = '', extra: Record<string, string> = {}): T {
  let text = JSON.stringify(value).split('{root}').join(jsonEsc(root)).split('{ctl}').join(jsonEsc(ctl))
  for (const [k, v] of Object.entries(extra)) text = text.split(`{${k}}`).join(jsonEsc(v))
  return JSON.parse(text) as T
}

async function sh(conn: Connection, line: string): Promise<string> {
  const res = await conn.run(line)
  if (res.rc !== 0) throw new Error(`harness: ${line}: ${res.stderr}`)
  return res.stdout
}

export async function prepare(target: Target, setup: SetupEntry[] = [], ctl = ''): Promise<void> {
  const t = { ...target, conn: target.admin ?? target.conn }
  // a case may leave mounts below root (mount module): unmount them first
  await sh(t.conn, `awk -v r=${quote(t.root + '/')} 'index($2, r) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do umount "$m"; done; true`)
  await sh(t.conn, `rm -rf -- ${quote(t.root)} && mkdir -p -- ${quote(t.root)}`)
  for (const e of fill(setup, t.root, ctl)) {
    if (ctl && e.path.startsWith(ctl)) {
      mkdirSync(dirname(e.path), { recursive: true })
      if (e.dir) { mkdirSync(e.path, { recursive: true }); continue }
      if (e.link !== undefined) { symlinkSync(e.link, e.path); continue }
      writeFileSync(e.path, e.base64 !== undefined ? Buffer.from(e.base64, 'base64') : e.content ?? '')
      if (e.mode) chmodSync(e.path, parseInt(e.mode, 8))
      continue
    }
    await sh(t.conn, `mkdir -p -- "$(dirname -- ${quote(e.path)})"`)
    if (e.dir) await sh(t.conn, `mkdir -p -- ${quote(e.path)}`)
    else if (e.link !== undefined) await sh(t.conn, `ln -s -- ${quote(e.link)} ${quote(e.path)}`)
    else await t.conn.put(e.base64 !== undefined ? Buffer.from(e.base64, 'base64') : e.content ?? '', e.path)
    if (e.mode) await sh(t.conn, `chmod ${e.mode} -- ${quote(e.path)}`)
    if (e.owner) await sh(t.conn, `chown -h ${quote(e.owner)} -- ${quote(e.path)}`)
  }
}

/** Everything under root: type, mode, owner, link target, content hash (not times). */
export async function snapshot(t: Target): Promise<string> {
  const r = quote(t.root)
  return sh(t.admin ?? t.conn, `cd ${r} && find . -printf '%p %y %m %u %g %l\\n' | sort && find . -type f -exec sha256sum {} + | sort`)
}

export async function runCase(t: Target, c: ModuleCase): Promise<{ first: TaskResult; second?: TaskResult }> {
  const def = modules[c.module] as unknown as ModuleDefinition<never>
  const ctl = mkdtempSync(join(tmpdir(), 'tsplay-ctl-'))
  try {
    return await runWith(t, c, def, ctl)
  } finally {
    rmSync(ctl, { recursive: true, force: true })
  }
}

async function runWith(t: Target, c: ModuleCase, def: ModuleDefinition<never>, ctl: string): Promise<{ first: TaskResult; second?: TaskResult }> {
  const f = <T>(v: T): T => fill(v, t.root, ctl, t.placeholders)
  const args = f(c.args)
  const ctxOpts = { searchPaths: f(c.searchPaths ?? []), vars: c.vars ?? {}, become: t.become }
  await prepare(t, c.setup, ctl)
  for (const line of f(c.before ?? [])) await sh(t.admin ?? t.conn, line)
  const first = c.first ?? 'changed'

  // check mode: predicts the status, writes nothing
  const before = await snapshot(t)
  const changesBefore = t.changes ? await t.changes() : ''
  const checked = await runModule(def, makeCtx(t.conn, { ...ctxOpts, check: true, diff: true }), args)
  expect(checked.status, `check mode: ${checked.msg}`).toBe(c.check ?? first)
  expect(await snapshot(t), 'check mode wrote something').toBe(before)
  if (t.changes) expect(await t.changes(), 'check mode changed the host').toBe(changesBefore)
  for (const s of c.diff ?? []) expect(checked.diff?.map((d) => d.after).join('\n')).toContain(s)
  await verify(t, f(c.verifyCheck ?? []), 'after check mode')

  const firstWire = counting(t.conn)
  const result = await runModule(def, makeCtx(firstWire.conn, { ...ctxOpts, diff: true }), args)
  expect(result.status, `first run: ${result.msg}`).toBe(first)
  if (c.firstTrips !== undefined) expect(firstWire.ops.join(','), 'remote operations of the first run').toBe(Array(c.firstTrips).fill('run').join(','))
  if (c.msg) expect(result.msg).toContain(c.msg)
  if (c.secret) expect(JSON.stringify([checked, result])).not.toContain(c.secret)
  // data may hold vitest matchers (expect.arrayContaining), which a JSON round trip would lose
  if (c.data) expect(result.data).toMatchObject(/\{\w+\}/.test(JSON.stringify(c.data)) ? f(c.data) : c.data)
  for (const s of c.diff ?? []) expect(result.diff?.map((d) => d.after).join('\n')).toContain(s)
  await assertFiles(t, f(c.files ?? []))
  await verify(t, f(c.verify ?? []), 'after the first run')
  if (first === 'failed') return { first: result }

  const afterFirst = await snapshot(t)
  const wire = counting(t.conn)
  const again = await runModule(def, makeCtx(wire.conn, ctxOpts), args)
  const second = c.second ?? 'ok'
  expect(again.status, `second run: ${again.msg}`).toBe(second)
  // nothing to change costs one round trip and no transfer
  if (second === 'ok' && !def.local) expect(wire.ops.join(','), 'remote operations of an unchanged run').toBe(Array(c.trips ?? 1).fill('run').join(','))
  if (second === 'ok') expect(await snapshot(t), 'an ok run changed files').toBe(afterFirst)
  return { first: result, second: again }
}

async function verify(t: Target, lines: string[], when: string): Promise<void> {
  for (const line of lines) {
    const r = await (t.admin ?? t.conn).run(line)
    expect(r.rc, `${when}: \`${line}\` exited ${r.rc}: ${r.stderr}${r.stdout}`).toBe(0)
  }
}

export async function assertFiles(target: Target, files: FileExpect[]): Promise<void> {
  const t = { ...target, conn: target.admin ?? target.conn }
  for (const f of files) {
    const q = quote(f.path)
    const probe = await t.conn.run(`if [ -L ${q} ]; then echo l; elif [ -d ${q} ]; then echo d; elif [ -e ${q} ]; then echo f; else echo -; fi; stat -c '%a %U %G' -- ${q} 2>/dev/null; readlink -- ${q}`)
    const [type, st = '', target = ''] = probe.stdout.split('\n')
    if (f.absent) {
      expect(type, `${f.path} should be absent`).toBe('-')
      continue
    }
    expect(type, `${f.path} should exist`).not.toBe('-')
    if (f.type) expect(type, `${f.path} type`).toBe(f.type)
    const [mode, owner, group] = st.split(' ')
    if (f.mode) expect(mode.padStart(4, '0'), `${f.path} mode`).toBe(f.mode)
    if (f.owner) expect(owner, `${f.path} owner`).toBe(f.owner)
    if (f.group) expect(group, `${f.path} group`).toBe(f.group)
    if (f.target !== undefined) expect(target).toBe(f.target)
    if (f.content !== undefined) expect((await t.conn.get(f.path)).toString('utf8'), `${f.path} content`).toBe(f.content)
  }
}
