// An edit of a file the run already knows (it wrote or read it on this host) goes in one round trip: the
// host writes the new text only while the file still holds the text the run knows. Here something
// else appends to the file between two edits: the second edit must see that line, not the remembered text.
import { expect, it } from 'vitest'
import { sshRun } from '../lab-helpers.js'
import type { HostStats } from '../../../src/executor/events.js'
import { parseRecap } from '../run-tsplay.js'
import { playsOn } from './support.js'

const HOST = 'lab-3'
const plays = playsOn(HOST)

async function play(tasks: string): Promise<HostStats> {
  return parseRecap((await plays.play(tasks)).stdout)[HOST]
}

const cat = async (path: string) => (await sshRun(HOST, `cat ${path}`)).stdout

it('edits the remembered text only while the file still holds it', async () => {
  const recap = await play(`    - lineinfile: { path: /root/known.conf, line: 'a=1', create: true }
    - lineinfile: { path: /root/known.conf, regexp: '^a=', line: 'a=2' }
    - shell: echo 'b=9' >> /root/known.conf
    - lineinfile: { path: /root/known.conf, regexp: '^a=', line: 'a=3' }
    - blockinfile: { path: /root/known.conf, block: 'c=4' }
    - replace: { path: /root/known.conf, regexp: '^c=4$', replace: 'c=5' }
`)
  expect(recap).toMatchObject({ changed: 6, failed: 0 })
  expect(await cat('/root/known.conf')).toBe('a=3\nb=9\n# BEGIN ANSIBLE MANAGED BLOCK\nc=5\n# END ANSIBLE MANAGED BLOCK\n')
  // the same play again: nothing to change (the shell task always reports a change)
  const again = await play(`    - lineinfile: { path: /root/known.conf, regexp: '^a=', line: 'a=3' }
    - replace: { path: /root/known.conf, regexp: '^c=4$', replace: 'c=5' }
`)
  expect(again).toMatchObject({ changed: 0, ok: 2 })
})

it('gives the same result either way', async () => {
  // the first edit reads the file (this run knows nothing of it), the second edits the text the first left
  await plays.play(`    - lineinfile: { path: /root/known.conf, regexp: '^a=', line: 'a=4' }
      register: by_read
    - lineinfile: { path: /root/known.conf, regexp: '^a=', line: 'a=5' }
      register: by_known
    - copy: { content: "{{ [by_read, by_known] | map('dict2items') | map('map', attribute='key') | map('sort') | to_json }}", dest: /root/keys.json }
`)
  const [byRead, byKnown] = JSON.parse(await cat('/root/keys.json')) as string[][]
  expect(byKnown).toEqual(byRead)
  expect(byKnown).toContain('checksum_sha256')
})

it("keeps what the shell's text compare cannot see: a NUL byte, the old file's mode and owner", async () => {
  // a file edited twice, and between the edits made 0600, given to nobody and a NUL byte longer
  const recap = await play(`    - lineinfile: { path: /root/nul.conf, line: 'a=1', create: true }
    - shell: chmod 0600 /root/nul.conf && chown nobody:nogroup /root/nul.conf && printf '\\000' >> /root/nul.conf
    - lineinfile: { path: /root/nul.conf, regexp: '^a=', line: 'a=2' }
    - lineinfile: { path: /root/mode.conf, line: 'a=1', create: true }
    - shell: chmod 0600 /root/mode.conf && chown nobody:nogroup /root/mode.conf
    - lineinfile: { path: /root/mode.conf, regexp: '^a=', line: 'a=2' }
`)
  expect(recap).toMatchObject({ changed: 6, failed: 0 })
  expect((await sshRun(HOST, 'od -An -c /root/nul.conf')).stdout.replace(/\s+/g, ' ').trim()).toBe('a = 2 \\n \\0')
  expect((await sshRun(HOST, 'cat /root/mode.conf; stat -c "%a %U %G" /root/nul.conf /root/mode.conf')).stdout).toBe('a=2\n600 nobody nogroup\n600 nobody nogroup\n')
})
