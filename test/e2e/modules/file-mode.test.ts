// copy and template give a plain octal mode at creation (the umask) and confirm it with the stat their
// result needs, instead of a chmod after the write. A directory's default ACL overrides the umask: there
// the mode must still come out exact, as Ansible's chmod makes it, and the result must say so.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { sshRun } from '../lab-helpers.js'
import { parseRecap } from '../run-tsplay.js'
import { playsOn } from './support.js'

const HOST = 'lab-3'
const plays = playsOn(HOST, ['-v'])

beforeAll(() => writeFileSync(join(plays.dir(), 'app.conf.j2'), 'port={{ 80 + 1 }}\n'))

async function run(tasks: string): Promise<string> {
  const r = await plays.play(tasks)
  expect(parseRecap(r.stdout)[HOST]).toMatchObject({ failed: 0 })
  return r.stdout
}

const modes = async (paths: string) => (await sshRun(HOST, `stat -c '%a %n' ${paths}`)).stdout.trim().split('\n')

it('makes the mode exact under a default ACL that the umask cannot override, and reports it', async () => {
  await sshRun(HOST, 'mkdir -p /srv/acl && setfacl -d -m u::rwx,g::rwx,o::rwx /srv/acl')
  const out = await run(`    - copy: { content: "secret\\n", dest: /srv/acl/key, mode: '0600' }
      register: c
    - template: { src: ${join(plays.dir(), 'app.conf.j2')}, dest: /srv/acl/app.conf, mode: '0640' }
      register: t
    - copy: { content: "new\\n", dest: /srv/acl/key, mode: '0640' }
      register: c2
    - debug: { msg: "modes {{ c.mode }} {{ t.mode }} {{ c2.mode }} size {{ t.size }} owner {{ t.owner }} uid {{ t.uid }} state {{ t.state }}" }
`)
  expect(out).toContain('"msg": "modes 0600 0640 0640 size 8 owner root uid 0 state file"')
  expect(await modes('/srv/acl/key /srv/acl/app.conf')).toEqual(['640 /srv/acl/key', '640 /srv/acl/app.conf'])
  // no group or other entry left more open than the mode (getfacl prints the ACL chmod leaves)
  expect((await sshRun(HOST, 'getfacl -cp /srv/acl/app.conf')).stdout.trim().split('\n')).toEqual(['user::rw-', 'group::r--', 'other::---'])
})

it('gives modes the umask cannot (execute, setgid) by chmod', async () => {
  const out = await run(`    - copy: { content: "#!/bin/sh\\n", dest: /srv/run.sh, mode: '0750' }
      register: x
    - copy: { content: "g\\n", dest: /srv/sgid, mode: '2640' }
      register: g
    - debug: { msg: "modes {{ x.mode }} {{ g.mode }}" }
`)
  expect(out).toContain('"msg": "modes 0750 2640"')
  expect(await modes('/srv/run.sh /srv/sgid')).toEqual(['750 /srv/run.sh', '2640 /srv/sgid'])
})

it('replaces a symlink to a directory with the file, as a rename does, leaving nothing in the directory', async () => {
  await sshRun(HOST, 'mkdir -p /srv/linked && ln -sfn /srv/linked /srv/link-to-dir')
  await run(`    - copy: { content: "x\\n", dest: /srv/link-to-dir, mode: '0640' }
`)
  expect((await sshRun(HOST, 'stat -c "%F %a" /srv/link-to-dir; ls -A /srv/linked | wc -l')).stdout.trim().split('\n')).toEqual(['regular file 640', '0'])
})
