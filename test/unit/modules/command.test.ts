// command, shell and script: Ansible's results for the corner cases its command_shell and script targets assert.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LocalConnection } from '../../../src/connection/local.js'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx } from './harness.js'

const base = mkdtempSync(join(tmpdir(), 'tsplay-command-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))
const ctx = makeCtx(new LocalConnection())
const check = makeCtx(new LocalConnection(), { check: true })

describe('command', () => {
  it('ignores executable with Ansible\'s warning', async () => {
    const r = await runModule(modules.command, ctx, { cmd: 'ls /dev/null', executable: '/bogus' })
    expect(r.status).toBe('changed')
    expect(r.data).toMatchObject({ stdout: '/dev/null', cmd: ['ls', '/dev/null'] })
    expect(r.data.warnings).toEqual([expect.stringContaining("'executable' is no longer supported with the 'command' module")])
  })

  it('fails with rc 256 when no command or two are given', async () => {
    expect(await runModule(modules.command, ctx, { chdir: '/' })).toMatchObject({ status: 'failed', msg: 'no command given', data: { rc: 256 } })
    expect(await runModule(modules.command, ctx, { cmd: 'echo a', argv: ['echo', 'a'] }))
      .toMatchObject({ status: 'failed', msg: 'only command or argv can be given, not both', data: { rc: 256 } })
  })

  it('fails on a chdir that does not exist, in check mode too', async () => {
    for (const c of [ctx, check]) {
      const r = await runModule(modules.command, c, { cmd: 'echo', chdir: join(base, 'nope') })
      expect(r.status).toBe('failed')
      expect(r.msg).toMatch(/^Unable to change directory before execution: No such file or directory/)
    }
  })

  it('creates and removes are globs, relative to chdir', async () => {
    const d = join(base, 'glob')
    mkdirSync(d)
    writeFileSync(join(d, 'afile.txt'), '')
    const skip = await runModule(modules.command, ctx, { cmd: 'false', chdir: d, creates: 'afile.*' })
    expect(skip).toMatchObject({ status: 'ok', msg: "Did not run command since 'afile.*' exists", data: { rc: 0, stdout: 'skipped, since afile.* exists' } })
    expect((await runModule(modules.command, check, { cmd: 'false', creates: join(d, 'afile.*') })).msg).toBe(`Would not run command since '${join(d, 'afile.*')}' exists`)
    expect((await runModule(modules.command, ctx, { cmd: 'false', removes: join(d, 'nothing.*') })).status).toBe('ok')
    expect((await runModule(modules.command, ctx, { cmd: 'true', removes: join(d, 'afile.*') })).status).toBe('changed')
  })

  it('check mode: changed when creates/removes would let it run, skipped without them', async () => {
    const guarded = await runModule(modules.command, check, { cmd: 'true', creates: true }) // `creates: yes` is the path 'True'
    expect(guarded).toMatchObject({ status: 'changed', msg: 'Command would have run if not in check mode' })
    const plain = await runModule(modules.command, check, { cmd: 'true' })
    expect(plain).toMatchObject({ status: 'skipped', msg: 'Command would have run if not in check mode' })
  })

  it('strips trailing \\r and \\n unless strip_empty_ends is false', async () => {
    const argv = ['sh', '-c', "printf 'hello \\n \\r\\n'; printf 'hello \\n \\r\\n' >&2"]
    expect((await runModule(modules.command, ctx, { argv })).data).toMatchObject({ stdout: 'hello \n ', stderr: 'hello \n ' })
    expect((await runModule(modules.command, ctx, { argv, strip_empty_ends: false })).data).toMatchObject({ stdout: 'hello \n \r\n', stderr: 'hello \n \r\n' })
  })
})

describe('shell', () => {
  it('chdir through a symlink leaves the physical directory in $PWD, as os.chdir does', async () => {
    mkdirSync(join(base, 'www_root/site'), { recursive: true })
    symlinkSync(join(base, 'www_root'), join(base, 'www'))
    const r = await runModule(modules.shell, ctx, { cmd: 'dirname "$PWD"', chdir: join(base, 'www/site') })
    expect(r.data).toMatchObject({ stdout: join(base, 'www_root'), cmd: 'dirname "$PWD"' })
  })
})

describe('script', () => {
  const files = join(base, 'files')
  mkdirSync(files, { recursive: true })
  writeFileSync(join(files, 'touch.sh'), '#!/bin/sh\ntouch "$1"\n')
  const sctx = makeCtx(new LocalConnection(), { searchPaths: [base] })

  it('a satisfied creates or removes skips the task with Ansible\'s message', async () => {
    const out = join(base, 'made')
    writeFileSync(out, '')
    expect(await runModule(modules.script, sctx, { cmd: `touch.sh ${out}`, creates: out })).toMatchObject({ status: 'skipped', msg: `${out} exists, matching creates option` })
    const gone = join(base, 'gone')
    expect(await runModule(modules.script, sctx, { cmd: `touch.sh ${gone}`, removes: gone })).toMatchObject({ status: 'skipped', msg: `${gone} does not exist, matching removes option` })
  })

  it('check mode: skipped unless creates/removes are given (then changed, not run)', async () => {
    const out = join(base, 'check-out')
    const c = { ...sctx, check: true }
    expect(await runModule(modules.script, c, { cmd: `touch.sh ${out}` })).toMatchObject({ status: 'skipped', msg: 'Check mode is not supported for this task.' })
    expect((await runModule(modules.script, c, { cmd: `touch.sh ${out}`, creates: out })).status).toBe('changed')
  })

  it('refuses a relative chdir', async () => {
    expect((await runModule(modules.script, sctx, { cmd: 'touch.sh x', chdir: 'tmp' })).msg).toContain('chdir tmp must be an absolute path')
  })
})
