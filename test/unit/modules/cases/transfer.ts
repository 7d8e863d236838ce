import { expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ModuleCase } from '../harness.js'

/** A tar.gz and a zip made on the controller: app/bin/run (0755), app/etc/conf (0640), app/lib → bin link. */
function archives(): { tgz: string; tar: string; zip: string } {
  const d = mkdtempSync(join(tmpdir(), 'tsplay-arch-'))
  try {
    mkdirSync(join(d, 'app/bin'), { recursive: true })
    mkdirSync(join(d, 'app/etc'))
    writeFileSync(join(d, 'app/bin/run'), '#!/bin/sh\necho run\n')
    chmodSync(join(d, 'app/bin/run'), 0o755)
    writeFileSync(join(d, 'app/etc/conf'), 'k=v\n')
    chmodSync(join(d, 'app/etc/conf'), 0o640)
    execFileSync('tar', ['-czf', join(d, 'a.tgz'), '-C', d, 'app'])
    execFileSync('tar', ['-cf', join(d, 'a.tar'), '-C', d, 'app'])
    execFileSync('zip', ['-qr', join(d, 'a.zip'), 'app'], { cwd: d })
    const b64 = (f: string) => execFileSync('base64', ['-w0', join(d, f)]).toString()
    return { tgz: b64('a.tgz'), tar: b64('a.tar'), zip: b64('a.zip') }
  } finally {
    rmSync(d, { recursive: true, force: true })
  }
}
const { tgz, tar, zip } = archives()

export const transferCases: ModuleCase[] = [
  { name: 'unarchive a controller tar.gz', module: 'unarchive', setup: [{ path: '{ctl}/files/a.tgz', base64: tgz }, { path: '{root}/opt', dir: true }],
    searchPaths: ['{ctl}'], args: { src: 'a.tgz', dest: '{root}/opt' },
    files: [{ path: '{root}/opt/app/bin/run', mode: '0755', content: '#!/bin/sh\necho run\n' }, { path: '{root}/opt/app/etc/conf', mode: '0640', content: 'k=v\n' }] },
  { name: 'unarchive restores a modified file', module: 'unarchive', setup: [{ path: '{ctl}/a.tgz', base64: tgz }, { path: '{root}/opt/app/etc/conf', content: 'changed\n' }],
    searchPaths: ['{ctl}'], args: { src: 'a.tgz', dest: '{root}/opt' }, files: [{ path: '{root}/opt/app/etc/conf', content: 'k=v\n' }] },
  { name: 'unarchive a remote zip with owner', module: 'unarchive', setup: [{ path: '{root}/a.zip', base64: zip }, { path: '{root}/opt', dir: true }],
    args: { src: '{root}/a.zip', dest: '{root}/opt', remote_src: true, owner: 'daemon', list_files: true },
    data: { files: expect.arrayContaining(['app/bin/run']) }, files: [{ path: '{root}/opt/app/bin/run', owner: 'daemon', content: '#!/bin/sh\necho run\n' }] },
  { name: 'unarchive creates skips', module: 'unarchive', setup: [{ path: '{root}/done', content: '' }], args: { src: '{root}/none.tgz', dest: '{root}', remote_src: true, creates: '{root}/done' }, first: 'skipped', second: 'skipped', msg: 'skipped, since' },
  { name: 'unarchive into a missing dest fails', module: 'unarchive', setup: [{ path: '{root}/a.zip', base64: zip }], args: { src: '{root}/a.zip', dest: '{root}/nope', remote_src: true }, first: 'failed', msg: 'is not a directory' },
  { name: 'unarchive leaves dest\'s own mode and owner alone', module: 'unarchive', setup: [{ path: '{root}/a.tgz', base64: tgz }, { path: '{root}/opt', dir: true, mode: '0751' }],
    args: { src: '{root}/a.tgz', dest: '{root}/opt', remote_src: true }, files: [{ path: '{root}/opt', mode: '0751' }, { path: '{root}/opt/app/etc/conf', content: 'k=v\n' }] },
  { name: 'unarchive include: only the named members, listed', module: 'unarchive', setup: [{ path: '{root}/a.tgz', base64: tgz }, { path: '{root}/opt', dir: true }],
    args: { src: '{root}/a.tgz', dest: '{root}/opt', remote_src: true, include: ['app/etc/conf'], list_files: true },
    data: { files: ['app/etc/conf'], handler: 'TgzArchive' }, files: [{ path: '{root}/opt/app/etc/conf', content: 'k=v\n' }, { path: '{root}/opt/app/bin', absent: true }] },
  { name: 'unarchive zip include matches members', module: 'unarchive', setup: [{ path: '{root}/a.zip', base64: zip }, { path: '{root}/opt', dir: true }],
    args: { src: '{root}/a.zip', dest: '{root}/opt', remote_src: true, include: ['app/bin/run'], list_files: true },
    data: { files: ['app/bin/run'], handler: 'ZipArchive' }, files: [{ path: '{root}/opt/app/bin/run', mode: '0755' }, { path: '{root}/opt/app/etc', absent: true }] },
  { name: 'unarchive exclude: globs left out of dest and files', module: 'unarchive', setup: [{ path: '{root}/a.zip', base64: zip }, { path: '{root}/opt', dir: true }],
    args: { src: '{root}/a.zip', dest: '{root}/opt', remote_src: true, exclude: ['app/bin/*'], list_files: true },
    data: { files: expect.not.arrayContaining(['app/bin/run']) }, files: [{ path: '{root}/opt/app/etc/conf', content: 'k=v\n' }, { path: '{root}/opt/app/bin/run', absent: true }] },
  { name: 'unarchive include and exclude are mutually exclusive', module: 'unarchive', setup: [{ path: '{root}/a.zip', base64: zip }],
    args: { src: '{root}/a.zip', dest: '{root}', remote_src: true, include: ['a'], exclude: ['b'] }, first: 'failed', msg: 'parameters are mutually exclusive: include|exclude' },
  { name: 'unarchive symbolic mode on every member, then idempotent', module: 'unarchive', setup: [{ path: '{root}/a.tgz', base64: tgz }, { path: '{root}/opt', dir: true }],
    args: { src: '{root}/a.tgz', dest: '{root}/opt', remote_src: true, mode: 'u+rwX,g-rwx,o-rwx' },
    files: [{ path: '{root}/opt/app/etc/conf', mode: '0600' }, { path: '{root}/opt/app/bin/run', mode: '0700' }, { path: '{root}/opt/app', mode: '0700' }] },
  { name: 'unarchive keep_newer leaves a newer file in dest', module: 'unarchive', second: 'changed',
    setup: [{ path: '{root}/a.tgz', base64: tgz }, { path: '{root}/opt/app/etc/conf', content: 'mine\n' }],
    args: { src: '{root}/a.tgz', dest: '{root}/opt', remote_src: true, keep_newer: true }, files: [{ path: '{root}/opt/app/etc/conf', content: 'mine\n' }, { path: '{root}/opt/app/bin/run', mode: '0755' }] },
  { name: 'unarchive reports Ansible\'s handler for a plain tar and dest\'s path info', module: 'unarchive', setup: [{ path: '{root}/a.tar', base64: tar }, { path: '{root}/opt', dir: true, mode: '0750' }],
    args: { src: '{root}/a.tar', dest: '{root}/opt', remote_src: true }, data: { handler: 'TarArchive', state: 'directory', mode: '0750' } },
  { name: 'unarchive: tar\'s refusal of an option is the listing\'s error', module: 'unarchive', setup: [{ path: '{root}/a.tgz', base64: tgz }],
    args: { src: '{root}/a.tgz', dest: '{root}', remote_src: true, extra_opts: ['--invalid-opt'] }, first: 'failed', msg: "Unable to list files in the archive: /usr/bin/tar: unrecognized option '--invalid-opt'" },
  { name: 'unarchive a non-archive fails', module: 'unarchive', setup: [{ path: '{root}/x.tgz', content: 'not an archive' }], args: { src: '{root}/x.tgz', dest: '{root}', remote_src: true }, first: 'failed', msg: 'Failed to find handler' },
  // Ansible's script action: a satisfied creates skips the task; in check mode a guarded script would run (changed)
  { name: 'script with arguments, creates makes it idempotent', module: 'script', check: 'changed', second: 'skipped',
    setup: [{ path: '{ctl}/files/write.sh', content: '#!/bin/sh\nprintf "%s\\n" "$2" > "$1"\n' }], searchPaths: ['{ctl}'],
    args: { cmd: "write.sh {root}/out 'a b; $(x)'", creates: '{root}/out' }, files: [{ path: '{root}/out', content: 'a b; $(x)\n' }] },
  // the arguments reach the host's shell as written (Ansible's script action): variables expand, quotes group
  { name: 'script arguments are shell text', module: 'script', check: 'skipped', second: 'changed',
    setup: [{ path: '{ctl}/files/write.sh', content: '#!/bin/sh\nprintf "%s|%s\\n" "$2" "$3" > "$1"\n' }], searchPaths: ['{ctl}'],
    args: { cmd: 'write.sh {root}/out "$(echo ex)pand" \'$HOME\'' }, files: [{ path: '{root}/out', content: 'expand|$HOME\n' }] },
  // Ansible asks creates, then removes: either one satisfied skips; a `#` in the arguments does not hide the rc
  { name: 'script with creates and removes: a missing removes skips', module: 'script', first: 'skipped', check: 'skipped', second: 'skipped',
    setup: [{ path: '{ctl}/files/write.sh', content: '#!/bin/sh\necho ran > "$1"\n' }], searchPaths: ['{ctl}'],
    args: { cmd: 'write.sh {root}/out', creates: '{root}/nope', removes: '{root}/nope' } },
  { name: 'script failure behind a # in the arguments still fails', module: 'script', check: 'skipped', setup: [{ path: '{ctl}/fail.sh', content: '#!/bin/sh\nexit 3\n' }],
    searchPaths: ['{ctl}'], args: { cmd: 'fail.sh # a comment' }, first: 'failed', data: { rc: 3 } },
  { name: 'script failure reports rc', module: 'script', check: 'skipped', setup: [{ path: '{ctl}/fail.sh', content: '#!/bin/sh\necho oops >&2; exit 3\n' }],
    searchPaths: ['{ctl}'], args: { cmd: 'fail.sh' }, first: 'failed', msg: 'non-zero return code', data: { rc: 3, stderr: 'oops' } },
]
