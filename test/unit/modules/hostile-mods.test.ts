// The 50 hostile strings through the values issue 18's modules write: a cron job and its name, a
// tempfile prefix and suffix, a known_hosts host name, a find pattern, a getent key, a git version — each
// lands byte-exact (or is looked up as given); NUL is refused naming the argument.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules, type ModuleName } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import type { ModuleDefinition } from '../../../src/modules/types.js'
import { makeCtx } from './harness.js'
import { hostile } from './hostile.js'

const base = mkdtempSync(join(tmpdir(), 'tsplay-hostile-mods-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))
const conn = new LocalConnection()
const ctx = makeCtx(conn)
const run = (m: ModuleName, args: Record<string, unknown>) => runModule(modules[m] as unknown as ModuleDefinition<never>, ctx, args)
const label = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 20)}…(${s.length})` : s)
const K = 'AAAAC3NzaC1lZDI1NTE5AAAAIAZvdIA7fbnB98M5olaGtuOMcaE6GtFTeWkT9xJgvCQY'

describe('hostile strings in issue 18 modules', () => {
  // a job is one line: cron warns about line breaks (and strips them at the ends), as Ansible does
  it.each(hostile.filter((s) => !/[\r\n]/.test(s)).map((s, i) => [label(s), s, i] as const))('cron job and name %s land byte-exact', async (_l, s, i) => {
    const file = join(base, `cron-${i}`)
    const r = await run('cron', { name: s, job: s, user: 'root', cron_file: file })
    expect(r.status, r.msg).toBe('changed')
    expect((await conn.get(file)).toString('utf8')).toBe(`#Ansible: ${s}\n* * * * * root ${s}\n`)
    expect((await run('cron', { name: s, job: s, user: 'root', cron_file: file })).status).toBe('ok')
  })

  // a file name holds any byte but / and NUL
  it.each(hostile.filter((s) => !s.includes('/') && s.length < 200).map((s, i) => [label(s), s, i] as const))('tempfile prefix and suffix %s land byte-exact', async (_l, s, i) => {
    const dir = join(base, `tmp-${i}`)
    await conn.run(`mkdir -p '${dir}'`)
    const r = await run('tempfile', { path: dir, prefix: s, suffix: s })
    expect(r.status, r.msg).toBe('changed')
    const [name] = readdirSync(dir)
    expect(name.startsWith(s) && name.endsWith(s) && name.length === 2 * s.length + 8, JSON.stringify(name)).toBe(true)
    expect(r.data.path).toBe(join(dir, name))
  })

  // a known_hosts host field has no whitespace; ssh-keygen would read `*`, `?` and `!` as patterns there too
  it.each(hostile.filter((s) => s && !/[\s,]/.test(s) && !s.startsWith('#') && !s.startsWith('!') && !s.startsWith('@')).map((s, i) => [label(s), s, i] as const))('known_hosts name %s lands byte-exact', async (_l, s, i) => {
    const path = join(base, `kh-${i}`)
    const r = await run('known_hosts', { path, name: s, key: `${s} ssh-ed25519 ${K}` })
    expect(r.status, r.msg).toBe('changed')
    expect((await conn.get(path)).toString('utf8')).toBe(`${s} ssh-ed25519 ${K}\n`)
    expect((await run('known_hosts', { path, name: s, key: `${s} ssh-ed25519 ${K}` })).status).toBe('ok')
  })

  it.each(hostile.filter((s) => s.length < 1000).map((s) => [label(s), s] as const))('getent key and find pattern %s are looked up as given', async (_l, s) => {
    const g = await run('getent', { database: 'passwd', key: s, fail_key: false })
    expect(g.status, g.msg).toBe('ok')
    expect(g.data.ansible_facts).toEqual({ getent_passwd: { [s]: null } })
    const f = await run('find', { paths: base, patterns: [s], excludes: [s], file_type: 'any' })
    expect(f.status, f.msg).toBe('ok')
    expect(f.data.matched).toBe(0)
  })

  it.each([
    ['cron', { name: 'a\0b', job: 'true' }, 'name'],
    ['known_hosts', { name: 'h', key: 'h ssh-ed25519 \0' }, 'key'],
    ['find', { paths: ['/tmp', '/x\0y'] }, 'paths.1'],
    ['git', { repo: '/r', dest: '/d\0' }, 'dest'],
    ['pip', { name: ['a\0'] }, 'name.0'],
    ['apt_repository', { repo: 'deb http://x/ y\0 main' }, 'repo'],
    ['apt_key', { id: 'ABCD1234', data: '\0' }, 'data'],
    ['slurp', { src: '/etc/\0' }, 'src'],
    ['getent', { database: 'passwd', key: '\0' }, 'key'],
  ] as const)('%s refuses a NUL byte, naming the argument', async (m, args, key) => {
    const r = await run(m, args)
    expect(r.status).toBe('failed')
    expect(r.msg).toContain(`${m}: argument '${key.split('.')[0]}' holds a NUL byte`) // the one check every module's arguments pass
  })
})
