// Cases of tempfile, getent, find, known_hosts, cron (cron_file), slurp and git: run locally, in a sandbox
// and over SSH on a lab host by the harness (check mode writes nothing, a second run is ok in one round trip).
import { expect } from 'vitest'
import type { ModuleCase } from '../harness.js'

const K1 = 'AAAAC3NzaC1lZDI1NTE5AAAAIAZvdIA7fbnB98M5olaGtuOMcaE6GtFTeWkT9xJgvCQY'
const K2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIHsRKpVNLSw8Rnv2Sla4jMHWrJ6X0YTOdeS2nJEXlGQp'
// no space (a known_hosts field) and no slash (a file name)
const HOSTILE = `h;$(touch${'$'}{IFS}x)'"\`x|&<>*?[]`

const tempfile: ModuleCase[] = [
  { name: 'tempfile: a directory, 0700, with a suffix', module: 'tempfile', args: { state: 'directory', path: '{root}', suffix: '.test' }, check: 'skipped', second: 'changed',
    data: { state: 'directory', mode: '0700' }, verify: ['test "$(find {root} -maxdepth 1 -type d -name "ansible.????????.test" -perm 700 | wc -l)" = 1'] },
  { name: 'tempfile: a file, 0600, with a prefix', module: 'tempfile', args: { path: '{root}', prefix: 'pre-' }, check: 'skipped', second: 'changed',
    data: { state: 'file', mode: '0600', size: 0 }, verify: ['test "$(find {root} -maxdepth 1 -type f -name "pre-????????" -perm 600 | wc -l)" = 1'] },
  { name: 'tempfile: a hostile prefix lands as given', module: 'tempfile', args: { path: '{root}', prefix: HOSTILE, suffix: ' \n' }, check: 'skipped', second: 'changed',
    data: { path: expect.stringMatching(new RegExp(`/${HOSTILE.replace(/[.*+?^${'$'}{}()|[\]\\]/g, '\\$&')}[a-z0-9_]{8} \n$`)) },
    verify: ['test "$(find {root} -mindepth 1 -maxdepth 1 -printf x)" = x', '! test -e x'] },
  { name: 'tempfile: a missing directory fails', module: 'tempfile', args: { path: '{root}/missing' }, check: 'skipped', first: 'failed', msg: 'missing' },
  { name: 'tempfile: a NUL byte is refused', module: 'tempfile', args: { path: '{root}', prefix: 'a\0b' }, first: 'failed', check: 'failed', msg: "argument 'prefix' holds a NUL byte" },
]

const getent: ModuleCase[] = [
  { name: 'getent: root in passwd', module: 'getent', args: { database: 'passwd', key: 'root' }, first: 'ok', check: 'ok',
    data: { ansible_facts: { getent_passwd: { root: ['x', '0', '0', 'root', '/root', expect.any(String)] } } } },
  { name: 'getent: a missing key, fail_key=false', module: 'getent', args: { database: 'group', key: 'no-such-group', fail_key: false }, first: 'ok', check: 'ok',
    data: { ansible_facts: { getent_group: { 'no-such-group': null } } } },
  { name: 'getent: a missing key fails', module: 'getent', args: { database: 'passwd', key: 'no-such-user' }, first: 'failed', check: 'failed', msg: 'could not be found' },
]

const TREE = [
  { path: '{root}/a.log', content: 'alpha\nbeta\n' }, { path: '{root}/b.txt', content: 'x' }, { path: '{root}/.h.log', content: 'h' },
  { path: '{root}/sub/c.log', content: 'gamma\n' }, { path: '{root}/sub/deep/d.log', content: 'delta\n' }, { path: '{root}/link.log', link: 'a.log' },
]
const find: ModuleCase[] = [
  { name: 'find: logs, recursively', module: 'find', args: { paths: '{root}', patterns: '*.log', recurse: true }, setup: TREE, first: 'ok', check: 'ok', data: { matched: 3, examined: 8, skipped_paths: {} } },
  { name: 'find: depth and hidden', module: 'find', args: { paths: ['{root}'], recurse: true, depth: 2, hidden: true, file_type: 'any' }, setup: TREE, first: 'ok', check: 'ok', data: { matched: 7 } },
  { name: 'find: content reads files in a second round trip', module: 'find', args: { paths: '{root}', recurse: true, contains: 'bet' }, setup: TREE, first: 'ok', check: 'ok', trips: 2, data: { matched: 1 } },
  { name: 'find: a missing path is skipped', module: 'find', args: { paths: '{root}/nope' }, first: 'ok', check: 'ok', data: { matched: 0, skipped_paths: { '{root}/nope': "'{root}/nope' is not a directory" } } },
]

const KH = `foo ssh-ed25519 ${K1}\n`
const knownHosts: ModuleCase[] = [
  { name: 'known_hosts: a new file (0644) with the key', module: 'known_hosts', args: { path: '{root}/kh', name: 'foo', key: `foo ssh-ed25519 ${K1}` },
    files: [{ path: '{root}/kh', content: KH, mode: '0644' }], diff: [`foo ssh-ed25519 ${K1}`], data: { state: 'file', mode: '0644' } },
  { name: 'known_hosts: another key of the type replaces the line', module: 'known_hosts', args: { path: '{root}/kh', name: 'FOO', key: `foo ssh-ed25519 ${K2}` },
    setup: [{ path: '{root}/kh', content: `# keep\n${KH}`, mode: '0600' }], files: [{ path: '{root}/kh', content: `# keep\nfoo ssh-ed25519 ${K2}\n`, mode: '0600' }] },
  { name: 'known_hosts: hashed, and found again hashed', module: 'known_hosts', args: { path: '{root}/kh', name: '[git.example]:2222', key: `[git.example]:2222 ssh-ed25519 ${K1}`, hash_host: true },
    verify: [`grep -q '^|1|[^ ]* ssh-ed25519 ${K1}$' {root}/kh`] },
  { name: 'known_hosts: absent without key, the original kept as .old', module: 'known_hosts', args: { path: '{root}/kh', name: 'foo', state: 'absent' },
    setup: [{ path: '{root}/kh', content: `${KH}bar ssh-ed25519 ${K2}\n` }], files: [{ path: '{root}/kh', content: `bar ssh-ed25519 ${K2}\n` }, { path: '{root}/kh.old', content: `${KH}bar ssh-ed25519 ${K2}\n` }] },
  { name: 'known_hosts: a hostile host name lands as given', module: 'known_hosts', args: { path: '{root}/kh', name: HOSTILE, key: `${HOSTILE} ssh-ed25519 ${K1}` },
    files: [{ path: '{root}/kh', content: `${HOSTILE} ssh-ed25519 ${K1}\n` }], verify: ['! test -e x'] },
  { name: 'known_hosts: a key for another host is refused', module: 'known_hosts', args: { path: '{root}/kh', name: 'a', key: `b ssh-ed25519 ${K1}` }, first: 'failed', check: 'failed', msg: 'does not match' },
]

const CRON = '#Ansible: nightly\n0 2 * * * root /usr/bin/backup\n'
const cron: ModuleCase[] = [
  { name: 'cron: a job in a new cron_file (0644)', module: 'cron', args: { name: 'nightly', minute: '0', hour: '2', user: 'root', job: '/usr/bin/backup', cron_file: '{root}/app' },
    files: [{ path: '{root}/app', content: CRON, mode: '0644' }], data: { jobs: ['nightly'] }, diff: ['0 2 * * * root /usr/bin/backup'] },
  { name: 'cron: a new time, the file keeps its mode', module: 'cron', args: { name: 'nightly', minute: '30', user: 'root', job: '/usr/bin/backup', cron_file: '{root}/app' },
    setup: [{ path: '{root}/app', content: CRON, mode: '0600' }], files: [{ path: '{root}/app', content: '#Ansible: nightly\n30 * * * * root /usr/bin/backup\n', mode: '0600' }] },
  { name: 'cron: env variables on top, then after another', module: 'cron', args: { name: 'MAILTO', env: true, job: 'ops@example.com', user: 'root', cron_file: '{root}/app', insertafter: 'PATH' },
    setup: [{ path: '{root}/app', content: `PATH=/bin\n${CRON}` }], files: [{ path: '{root}/app', content: `PATH=/bin\nMAILTO="ops@example.com"\n${CRON}` }], data: { envs: ['PATH', 'MAILTO'] } },
  { name: 'cron: the last job removed removes the file', module: 'cron', args: { name: 'nightly', state: 'absent', cron_file: '{root}/app' },
    setup: [{ path: '{root}/app', content: CRON }], files: [{ path: '{root}/app', absent: true }] },
  { name: 'cron: a hostile job lands as given', module: 'cron', args: { name: HOSTILE, job: `echo ${HOSTILE} %`, user: 'root', cron_file: '{root}/app' },
    files: [{ path: '{root}/app', content: `#Ansible: ${HOSTILE}\n* * * * * root echo ${HOSTILE} %\n` }], verify: ['! test -e x'] },
  { name: 'cron: cron_file without user is refused', module: 'cron', args: { name: 'x', job: 'true', cron_file: '{root}/app' }, first: 'failed', check: 'failed', msg: 'must specify user' },
]

const slurp: ModuleCase[] = [
  { name: 'slurp: bytes as base64', module: 'slurp', args: { src: '{root}/f' }, setup: [{ path: '{root}/f', base64: Buffer.from([0, 1, 255, 10]).toString('base64') }], first: 'ok', check: 'ok',
    data: { content: 'AAH/Cg==', encoding: 'base64' } },
  { name: 'slurp: a missing file', module: 'slurp', args: { path: '{root}/missing' }, first: 'failed', check: 'failed', msg: 'file not found: ' },
  { name: 'slurp: a directory', module: 'slurp', args: { src: '{root}' }, first: 'failed', check: 'failed', msg: 'source is a directory and must be a file' },
]

const GIT = [
  'export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t GIT_AUTHOR_DATE=2020-01-01T00:00:00Z GIT_COMMITTER_DATE=2020-01-01T00:00:00Z',
  'cd {root} && git init -q -b main src && cd src && echo one > f && git add f && git commit -qm one && git tag v1 && git checkout -qb dev && echo dev > f && git commit -qam dev && git checkout -q main',
].join('; ')
const git: ModuleCase[] = [
  { name: 'git: a clone of HEAD', module: 'git', args: { repo: '{root}/src', dest: '{root}/co' }, before: [GIT], files: [{ path: '{root}/co/f', content: 'one\n' }],
    data: { before: null, after: '74d107f72f85665cf6e0d262bbbed746988374c5' }, diff: ['>> Newly checked out 74d107f72f85665cf6e0d262bbbed746988374c5'], verifyCheck: ['! test -e {root}/co'] },
  { name: 'git: a branch of an existing checkout', module: 'git', args: { repo: '{root}/src', dest: '{root}/co', version: 'dev' },
    before: [GIT, 'git clone -q file://{root}/src {root}/co'], files: [{ path: '{root}/co/f', content: 'dev\n' }], verifyCheck: ['grep -qx one {root}/co/f'] },
  { name: 'git: a bare clone', module: 'git', args: { repo: '{root}/src', dest: '{root}/bare.git', bare: true }, before: [GIT], verify: ['git -C {root}/bare.git rev-parse dev'] },
  { name: 'git: local modifications fail without force', module: 'git', args: { repo: '{root}/src', dest: '{root}/co' },
    before: [GIT, 'git clone -q file://{root}/src {root}/co', 'echo mine > {root}/co/f'], first: 'failed', check: 'failed', msg: 'Local modifications exist' },
]

export const modsCases: ModuleCase[] = [...tempfile, ...getent, ...find, ...knownHosts, ...cron, ...slurp, ...git]
