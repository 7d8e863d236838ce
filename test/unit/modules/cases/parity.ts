// Cases tsplay and ansible-core both run (parity.test.ts); `{dir}` is each case's own directory.
import type { ParityCase } from '../parity.js'
import { gitParity } from './parity-git.js'

const K1 = 'AAAAC3NzaC1lZDI1NTE5AAAAIAZvdIA7fbnB98M5olaGtuOMcaE6GtFTeWkT9xJgvCQY'
const K2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIHsRKpVNLSw8Rnv2Sla4jMHWrJ6X0YTOdeS2nJEXlGQp'
const RSA = 'AAAAB3NzaC1yc2EAAAADAQABAAABAQC'
const KH = `# comment\nfoo,bar ssh-ed25519 ${K1}\n[baz]:2222 ssh-ed25519 ${K2}\n@revoked foo ssh-rsa ${RSA}\nqux ssh-ed25519 ${K1}\n`
const kh = (name: string, args: Record<string, unknown>, check = false): ParityCase => ({
  name, module: 'known_hosts', args: { path: '{dir}/known_hosts', ...args }, files: { known_hosts: { content: KH, mode: 0o640 } }, check, keys: ['path', 'name', 'state', 'mode', 'owner', 'group', 'size', 'key', 'hash_host'],
})

const knownHosts: ParityCase[] = [
  kh('a new host is appended', { name: 'new', key: `new ssh-ed25519 ${K1}` }),
  kh('a new host in check mode', { name: 'new', key: `new ssh-ed25519 ${K1}` }, true),
  kh('the same line is ok', { name: 'foo', key: `foo,bar ssh-ed25519 ${K1}` }),
  kh('the same key under another host field replaces the line', { name: 'foo', key: `foo ssh-ed25519 ${K1}` }),
  kh('another key of the type replaces it (name lowercased)', { name: 'FOO', key: `foo ssh-ed25519 ${K2}` }),
  kh('a second key type is added beside a revoked one', { name: 'foo', key: `foo ssh-rsa ${RSA}` }),
  kh('a [host]:port entry is found', { name: '[baz]:2222', key: `[baz]:2222 ssh-ed25519 ${K2}` }),
  kh('absent without key removes every key of the host (and keeps .old)', { name: 'foo', state: 'absent' }),
  kh('absent without key in check mode', { name: 'foo', state: 'absent' }, true),
  kh('absent with the key removes that line', { name: 'qux', key: `qux ssh-ed25519 ${K1}`, state: 'absent' }),
  kh('absent with another key of the type removes the line too', { name: 'qux', key: `qux ssh-ed25519 ${K2}`, state: 'absent' }),
  kh('absent of an unknown host is ok', { name: 'nothere', state: 'absent' }),
  kh('a key for another host is refused', { name: 'x', key: `y ssh-ed25519 ${K1}` }),
  kh('present without key is refused', { name: 'x' }),
  kh('a list of names is refused', { name: 'a,b', key: `a,b ssh-ed25519 ${K1}` }),
  { name: 'a missing file is created 0644', module: 'known_hosts', args: { path: '{dir}/new_hosts', name: 'h1', key: `h1 ssh-ed25519 ${K1}` }, keys: ['path', 'state', 'mode', 'owner', 'size'] },
  { name: 'a hashed host is found and left alone', module: 'known_hosts', args: { path: '{dir}/kh', name: 'h1', key: `h1 ssh-ed25519 ${K1}` },
    files: { kh: `|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM= ssh-ed25519 ${K1}\n` } },
]

const CRON = '# m h dom mon dow user command\nSHELL=/bin/sh\n#Ansible: nightly\n0 2 * * * root /usr/bin/backup\n'
const cronCase = (name: string, args: Record<string, unknown>, opts: Partial<ParityCase> = {}): ParityCase => ({
  name, module: 'cron', args: { cron_file: '{dir}/app', user: 'root', ...args }, files: { app: CRON }, keys: ['jobs', 'envs', 'cron_file'], ...opts,
})

const cron: ParityCase[] = [
  cronCase('the same job is ok', { name: 'nightly', minute: '0', hour: '2', job: '/usr/bin/backup' }),
  cronCase('a new time updates the job', { name: 'nightly', minute: '30', hour: '3', job: '/usr/bin/backup' }),
  cronCase('a new time in check mode', { name: 'nightly', minute: '30', job: '/usr/bin/backup' }, { check: true }),
  cronCase('a new job is appended', { name: 'hourly', special_time: 'hourly', job: 'echo "it\'s $HOME" > /dev/null' }),
  cronCase('disabled comments the job out', { name: 'nightly', minute: '0', hour: '2', job: '/usr/bin/backup', disabled: true }),
  cronCase('absent removes the job, the file stays for its other lines', { name: 'nightly', state: 'absent' }),
  cronCase('absent of the last job removes the file', { name: 'only', state: 'absent' }, { files: { app: '#Ansible: only\n* * * * * root true\n' } }),
  cronCase('absent of the last job in check mode', { name: 'only', state: 'absent' }, { files: { app: '#Ansible: only\n* * * * * root true\n' }, check: true }),
  cronCase('an unknown job absent is ok', { name: 'ghost', state: 'absent' }),
  cronCase('a job line without its header gets one', { name: 'adopted', job: 'true' }, { files: { app: '* * * * * root true\n' } }),
  cronCase('a file without a final newline gets one', { name: 'nightly', minute: '0', hour: '2', job: '/usr/bin/backup' }, { files: { app: CRON.trimEnd() } }),
  cronCase('a new cron file is created', { name: 'new', job: 'true' }, { files: {} }),
  cronCase('an env variable goes to the top', { name: 'PATH', env: true, job: '/usr/bin:/bin' }),
  cronCase('an env variable after another', { name: 'MAILTO', env: true, job: 'ops', insertafter: 'SHELL' }),
  cronCase('an env variable before an unknown one fails', { name: 'MAILTO', env: true, job: 'ops', insertbefore: 'NOPE' }),
  cronCase('an env variable with a new value', { name: 'SHELL', env: true, job: '/bin/bash' }),
  cronCase('an env variable removed', { name: 'SHELL', env: true, state: 'absent' }),
  cronCase('special_time with a time field is refused', { name: 'x', special_time: 'daily', minute: '5', job: 'true' }),
  cronCase('cron_file without user is refused', { name: 'x', job: 'true', user: undefined }),
  cronCase('present without job is refused', { name: 'x' }),
]

const TREE = {
  'a.log': 'alpha\nbeta\n', 'b.txt': 'hello world\n', '.hidden.log': 'h\n', 'big.bin': { content: 'x'.repeat(3000) },
  'sub/c.log': 'gamma\n', 'sub/deeper/d.log': 'delta\n', 'sub/.hd/e.log': 'e\n', 'empty': { dir: true },
  'link.log': { link: 'a.log' }, 'dangling': { link: 'nowhere' }, 'dirlink': { link: 'sub' }, 'suid': { content: '', mode: 0o4755 },
}
const findCase = (name: string, args: Record<string, unknown>): ParityCase => ({
  name, module: 'find', args: { paths: '{dir}/t', ...args }, files: Object.fromEntries(Object.entries(TREE).map(([k, v]) => [`t/${k}`, v])), keys: ['files', 'matched', 'examined', 'skipped_paths'],
})

const find: ParityCase[] = [
  findCase('files at the top', {}),
  findCase('recursive, any type, hidden', { recurse: true, file_type: 'any', hidden: true }),
  findCase('globs and excludes', { recurse: true, patterns: '*.log,*.txt', excludes: 'c*' }),
  findCase('regex patterns match from the start of the name', { recurse: true, use_regex: true, patterns: ['[ab]\\.', 'big'] }),
  findCase('directories', { recurse: true, file_type: 'directory', hidden: true }),
  findCase('links', { recurse: true, file_type: 'link' }),
  findCase('follow walks into linked directories', { recurse: true, follow: true, file_type: 'any' }),
  findCase('depth 2', { recurse: true, depth: 2, file_type: 'any' }),
  findCase('size at least 2k', { recurse: true, size: '2k' }),
  findCase('size at most 10 bytes', { recurse: true, size: '-10' }),
  findCase('contains, line by line from the start', { recurse: true, contains: 'be.a' }),
  findCase('contains, whole file', { recurse: true, contains: 'ta$', read_whole_file: true }),
  findCase('age: modified in the last day', { recurse: true, age: '-1d' }),
  findCase('age: older than a week', { recurse: true, age: '1w' }),
  findCase('checksums', { get_checksum: true }),
  findCase('a path that is not a directory is skipped', { paths: ['{dir}/t', '{dir}/nope', '{dir}/t/a.log'] }),
  findCase('a bad age fails', { age: 'yesterday' }),
]

const slurp: ParityCase[] = [
  { name: 'a file', module: 'slurp', args: { src: '{dir}/f' }, files: { f: 'bytes \u00e9\n' }, keys: ['content', 'encoding', 'source'] },
  { name: 'a missing file', module: 'slurp', args: { path: '{dir}/missing' } },
  { name: 'a directory', module: 'slurp', args: { src: '{dir}' } },
  { name: 'a path through a file', module: 'slurp', args: { src: '{dir}/f/x' }, files: { f: 'x' } },
]

const getent: ParityCase[] = [
  { name: 'root in passwd', module: 'getent', args: { database: 'passwd', key: 'root' }, keys: ['ansible_facts'] },
  { name: 'the whole group database', module: 'getent', args: { database: 'group' }, keys: ['ansible_facts'] },
  { name: 'a missing key fails', module: 'getent', args: { database: 'passwd', key: 'no-such-user' } },
  { name: 'a missing key with fail_key=no', module: 'getent', args: { database: 'passwd', key: 'no-such-user', fail_key: false }, keys: ['ansible_facts'] },
  { name: 'hosts, split on whitespace', module: 'getent', args: { database: 'hosts', key: 'localhost' }, keys: ['ansible_facts'] },
  { name: 'a custom split', module: 'getent', args: { database: 'passwd', key: 'root', split: '/' }, keys: ['ansible_facts'] },
  { name: 'an unknown database', module: 'getent', args: { database: 'nodb' } },
]

export const parityCases: ParityCase[] = [...knownHosts, ...cron, ...find, ...slurp, ...getent, ...gitParity]
