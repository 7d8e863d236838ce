// copy and template compare a small file with the text they would write in the host's shell itself (read
// builtin, no checksum process), a larger one by sha256. Either way the verdict must be byte-exact: the
// same text in any bytes is ok, one byte off is a change, a NUL byte (which read drops) is a change.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { sshRun } from '../lab-helpers.js'
import { parseRecap } from '../run-tsplay.js'
import { playsOn } from './support.js'

const HOST = 'lab-3'
const plays = playsOn(HOST)

// text that shells and quoting get wrong: quotes, backslashes, $, globs, CR, no final newline, UTF-8
const tricky = `it's "x" \\\\ $HOME * ?\r\n\tindent\n  é ✓ 'end'`
const files: Record<string, string> = {
  tricky: tricky,
  trailing: 'a\nb\n\n',
  large: 'line of a larger file\n'.repeat(100), // over the shell's compare limit: sha256
}

async function copyAll(): Promise<{ changed: number; ok: number }> {
  const vars = join(plays.dir(), 'vars.yml')
  writeFileSync(vars, JSON.stringify(files))
  const tasks = Object.keys(files).map((k) => `    - copy: { content: "{{ ${k} }}", dest: /srv/cmp/${k} }`)
  const r = await plays.play(`    - file: { path: /srv/cmp, state: directory }\n${tasks.join('\n')}\n`, `  vars_files: [${vars}]\n`)
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
