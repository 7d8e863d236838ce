// copy and template compare a small file with the text they would write in the host's shell itself (read
// builtin, no checksum process), a larger one by sha256. Either way the verdict must be byte-exact: the
// same text in any bytes is ok, one byte off is a change, a NUL byte (which read drops) is a change.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { labInfo, resetHost, sshRun } from '../lab-helpers.js'
import { parseRecap, runTsplay } from '../run-tsplay.js'

const HOST = 'lab-3'
let dir: string

beforeAll(async () => {
  await resetHost(HOST)
  dir = mkdtempSync(join(tmpdir(), 'tsplay-copy-compare-'))
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await resetHost(HOST)
})

// text that shells and quoting get wrong: quotes, backslashes, $, globs, CR, no final newline, UTF-8
const tricky = `it's "x" \\\\ $HOME * ?\r\n\tindent\n  é ✓ 'end'`
const files: Record<string, string> = {
  tricky: tricky,
  trailing: 'a\nb\n\n',
  large: 'line of a larger file\n'.repeat(100), // over the shell's compare limit: sha256
}

async function copyAll(): Promise<{ changed: number; ok: number }> {
  const vars = join(dir, 'vars.yml')
  writeFileSync(vars, JSON.stringify(files))
  const play = join(dir, 'p.yml')
  const tasks = Object.keys(files).map((k) => `    - copy: { content: "{{ ${k} }}", dest: /srv/cmp/${k} }`)
  writeFileSync(play, `- hosts: ${HOST}\n  gather_facts: false\n  vars_files: [${vars}]\n  tasks:\n    - file: { path: /srv/cmp, state: directory }\n${tasks.join('\n')}\n`)
  const r = await runTsplay(['run', play, '-i', labInfo().hostsIni])
  expect(r.code, r.stdout + r.stderr).toBe(0)
  return parseRecap(r.stdout)[HOST]
}

it('finds the same text the same and any other bytes different', async () => {
  expect(await copyAll()).toMatchObject({ changed: 4 }) // the directory and three files
  expect((await sshRun(HOST, 'cat /srv/cmp/tricky')).stdout).toBe(tricky)
  expect(await copyAll()).toMatchObject({ changed: 0 })
  // one byte changed at the end, a NUL added in the middle, the final newline gone: each file is rewritten
  await sshRun(HOST, `printf 'a\\nb\\n' > /srv/cmp/trailing && printf 'x' >> /srv/cmp/large && sed -i 's/indent/in\\x00dent/' /srv/cmp/tricky`)
  expect((await sshRun(HOST, 'stat -c %s /srv/cmp/tricky')).stdout.trim()).toBe(String(Buffer.byteLength(tricky) + 1))
  expect(await copyAll()).toMatchObject({ changed: 3 })
  expect((await sshRun(HOST, 'cat /srv/cmp/tricky')).stdout).toBe(tricky)
  expect(await copyAll()).toMatchObject({ changed: 0 })
})
