// fetch writes on the controller, so its checks look at local files; shared by unit and e2e.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { modules } from '../../../src/modules/index.js'
import { runModule } from '../../../src/modules/lib/result.js'
import { makeCtx, type Target } from './harness.js'

export async function checkFetch(t: Target): Promise<void> {
  const local = mkdtempSync(join(tmpdir(), 'tsplay-fetch-'))
  try {
    await t.conn.run(`mkdir -p ${t.root}/etc`)
    await t.conn.put('test', `${t.root}/etc/app.conf`)
    const src = `${t.root}/etc/app.conf`
    const ctx = makeCtx(t.conn)
    const expected = join(local, t.conn.host, src)

    // Ansible's fetch does not run in check mode
    const checked = await runModule(modules.fetch, { ...ctx, check: true }, { src, dest: local })
    expect(checked.status).toBe('skipped')
    expect(checked.msg).toMatch(/not \(yet\) supported/)
    expect(existsSync(expected), 'check mode wrote on the controller').toBe(false)

    const first = await runModule(modules.fetch, ctx, { src, dest: local })
    expect(first.status, first.msg).toBe('changed')
    expect(readFileSync(expected, 'utf8')).toBe('test')
    // Ansible's keys: sha1 of both copies, md5 of the local one
    expect(first.data).toMatchObject({ checksum: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', remote_checksum: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', md5sum: '098f6bcd4621d373cade4e832627b4f6', dest: expected, remote_md5sum: null })
    const again = await runModule(modules.fetch, ctx, { src, dest: local })
    expect(again.status).toBe('ok')
    expect(again.data).toMatchObject({ checksum: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', file: src, dest: expected })

    await t.conn.put('new bytes\n', src)
    expect((await runModule(modules.fetch, ctx, { src, dest: local })).status).toBe('changed')
    expect(readFileSync(expected, 'utf8')).toBe('new bytes\n')

    const flat = await runModule(modules.fetch, ctx, { src, dest: `${local}/flat/`, flat: true })
    expect(flat.status).toBe('changed')
    expect(readFileSync(join(local, 'flat/app.conf'), 'utf8')).toBe('new bytes\n')
    mkdirSync(join(local, 'isdir'))
    const flatDir = await runModule(modules.fetch, ctx, { src, dest: join(local, 'isdir'), flat: true })
    expect(flatDir.msg).toContain('dest is an existing directory')

    const missing = await runModule(modules.fetch, ctx, { src: `${t.root}/nope`, dest: local })
    expect(missing.status).toBe('failed')
    expect(missing.msg).toContain('remote file does not exist')
    const ignored = await runModule(modules.fetch, ctx, { src: `${t.root}/nope`, dest: local, fail_on_missing: false })
    expect([ignored.status, ignored.msg]).toEqual(['ok', 'the remote file does not exist, not transferring, ignored'])
    const dir = await runModule(modules.fetch, ctx, { src: `${t.root}/etc`, dest: local, fail_on_missing: false })
    expect([dir.status, dir.msg]).toEqual(['ok', 'remote file is a directory, fetch cannot work on directories, not transferring, ignored'])
    expect((await runModule(modules.fetch, ctx, { src: `${t.root}/etc`, dest: local })).status).toBe('failed')
    expect((await runModule(modules.fetch, ctx, {})).msg).toBe('src and dest are required')
    expect((await runModule(modules.fetch, ctx, { src: [1, 2], dest: local })).msg).toBe('Invalid type supplied for source option, it must be a string')

    // ~ is the home of the user the task runs as: the local copy is named by the expanded path
    const home = (await t.conn.run('printf %s "$HOME"')).stdout
    await t.conn.put('home\n', `${home}/.tsplay-fetch-test`)
    try {
      const tilde = await runModule(modules.fetch, ctx, { src: '~/.tsplay-fetch-test', dest: local })
      expect(tilde.status, tilde.msg).toBe('changed')
      expect(readFileSync(join(local, t.conn.host, home, '.tsplay-fetch-test'), 'utf8')).toBe('home\n')
    } finally {
      await t.conn.run(`rm -f "$HOME/.tsplay-fetch-test"`)
    }
  } finally {
    rmSync(local, { recursive: true, force: true })
  }
}
