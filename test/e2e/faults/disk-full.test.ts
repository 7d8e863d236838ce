// Issue 15, point 7: a write that meets a full disk names the file and the system's reason ("No space
// left on device"), not "printf: I/O error"; the old file stays intact and no temp file is left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resetHost, sshRun } from '../lab-helpers.js'
import { runTsplay } from '../run-tsplay.js'
import { scratch, type Scratch } from './fault-helpers.js'

let s: Scratch

beforeAll(async () => {
  s = scratch('full')
  await resetHost('lab-1')
  // a 64 KiB filesystem inside lab-1 (its own mount namespace), holding one old file, then filled
  const setup = await sshRun('lab-1', 'mkdir -p /mnt/small && mount -t tmpfs -o size=64k tsplay-full /mnt/small && echo old > /mnt/small/f && head -c 200000 /dev/zero > /mnt/small/fill; df -k /mnt/small | tail -1')
  expect(setup.stdout).toMatch(/ 0 +100% \/mnt\/small/)
})

afterAll(async () => {
  s.remove()
  await resetHost('lab-1')
})

describe('a full disk', () => {
  it('names the file and says "No space left on device"; the old file stays, no temp file is left', async () => {
    const big = s.write('big.bin', Buffer.alloc(300 * 1024, 'x'))
    const site = s.write(
      'site.yml',
      `- hosts: lab-1
  gather_facts: no
  tasks:
    - name: replace a small file
      copy: content="new content" dest=/mnt/small/f
      ignore_errors: true
    - name: a new small file
      copy: content="hello" dest=/mnt/small/new
      ignore_errors: true
    - name: a large file
      copy: src=${big} dest=/mnt/small/big
      ignore_errors: true
`,
    )
    const r = await runTsplay(['run', site, '-i', s.inventory])
    expect(r.code).toBe(0)
    for (const file of ['f', 'new', 'big']) expect(r.stdout).toContain(`"msg": "cannot write /mnt/small/${file}: No space left on device"`)
    expect(r.stdout).not.toContain('I/O error')
    const left = await sshRun('lab-1', 'cat /mnt/small/f; ls -A /mnt/small')
    expect(left.stdout).toBe('old\nf\nfill\n')
  })
})
