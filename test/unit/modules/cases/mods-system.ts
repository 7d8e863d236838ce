// Cases of the modules that change the system (a crontab, apt sources and keys, a virtualenv) or read it
// (package_facts, service_facts), in order: the sandbox and lab-2 run them after the apt cases, with the
// test repository /srv/tsplay-repo (support/debs.ts) in place.
import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import type { ModuleCase } from '../harness.js'

const KEY = readFileSync(new URL('../fixtures/apt-key/tsplay-test.asc', import.meta.url), 'utf8')
const KEY_ID = 'D32C91072A85C2787747C6D052B89990C8EB8097'

// three wheels made on the host with its python3 (no network: pip installs them with --no-index)
const WHEELS = String.raw`mkdir -p {root}/wheels && cd {root}/wheels && python3 - <<'EOF'
import base64, hashlib, zipfile
def wheel(name, version):
    mod = name.replace('-', '_')
    dist = '%s-%s' % (mod, version)
    files = {mod + '/__init__.py': "VERSION = '%s'\n" % version,
             dist + '.dist-info/METADATA': 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' % (name, version),
             dist + '.dist-info/WHEEL': 'Wheel-Version: 1.0\nGenerator: tsplay-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n'}
    record = ['%s,sha256=%s,%d' % (p, base64.urlsafe_b64encode(hashlib.sha256(c.encode()).digest()).rstrip(b'=').decode(), len(c.encode())) for p, c in files.items()]
    files[dist + '.dist-info/RECORD'] = '\n'.join(record + [dist + '.dist-info/RECORD,,']) + '\n'
    with zipfile.ZipFile(dist + '-py3-none-any.whl', 'w') as z:
        for p, c in files.items():
            z.writestr(zipfile.ZipInfo(p, (2020, 1, 1, 0, 0, 0)), c)  # a fixed time: the same bytes on every host
wheel('tsplay-demo', '1.0'); wheel('tsplay-demo', '2.0'); wheel('tsplay-other', '0.5')
EOF`
const VENV = '/usr/bin/python3 -m venv'
const WHEEL_ARGS = '--no-index --find-links {root}/wheels'

const pip: ModuleCase[] = [
  { name: 'pip: a pinned package from a wheel directory into a new virtualenv', module: 'pip',
    args: { name: 'tsplay-demo==1.0', virtualenv: '{root}/venv', virtualenv_command: VENV, extra_args: WHEEL_ARGS }, before: [WHEELS],
    // extra_args make Ansible run pip every time; pip finds it satisfied: ok, in two round trips
    trips: 2, verifyCheck: ['! test -e {root}/venv'], verify: ['test "$({root}/venv/bin/python -c "import tsplay_demo; print(tsplay_demo.VERSION)")" = 1.0'],
    data: { virtualenv: '{root}/venv', state: 'present' } },
  { name: 'pip: absent, then nothing to do in one round trip', module: 'pip', args: { name: ['tsplay-demo', 'tsplay-other'], virtualenv: '{root}/venv', state: 'absent' },
    before: [WHEELS, `${VENV} {root}/venv && {root}/venv/bin/pip install -q ${WHEEL_ARGS} tsplay-demo==2.0`],
    verifyCheck: ['{root}/venv/bin/python -c "import tsplay_demo"'], verify: ['! {root}/venv/bin/python -c "import tsplay_demo" 2>/dev/null'] },
]

const cron: ModuleCase[] = [
  { name: "cron: a job in the user's crontab", module: 'cron', args: { name: 'tsplay nightly', minute: '5', hour: '4', job: 'echo "it\'s" > /dev/null' },
    verifyCheck: ['! crontab -l 2>/dev/null | grep -q tsplay'], verify: [`crontab -l | grep -qxF '5 4 * * * echo "it'"'"'s" > /dev/null'`, 'crontab -l | grep -qx "#Ansible: tsplay nightly"'],
    data: { jobs: expect.arrayContaining(['tsplay nightly']) }, diff: ['#Ansible: tsplay nightly'] },
  { name: "cron: an env variable on top of the user's crontab", module: 'cron', args: { name: 'MAILTO', env: true, job: 'ops@example.com' },
    verify: ['test "$(crontab -l | head -1)" = \'MAILTO="ops@example.com"\''] },
  { name: "cron: the job removed from the user's crontab", module: 'cron', args: { name: 'tsplay nightly', state: 'absent' }, verify: ['! crontab -l | grep -q tsplay'] },
  { name: "cron: the variable removed", module: 'cron', args: { name: 'MAILTO', env: true, state: 'absent' }, verify: ['! crontab -l | grep -q MAILTO'] },
]

const REPO2 = 'deb [trusted=yes] file:/srv/tsplay-repo2 ./'
const aptRepository: ModuleCase[] = [
  { name: 'apt_repository: a source in its own file, the cache updated', module: 'apt_repository', args: { repo: REPO2, filename: 'tsplay2' },
    before: ['rm -rf /srv/tsplay-repo2 && cp -r /srv/tsplay-repo /srv/tsplay-repo2'],
    files: [{ path: '/etc/apt/sources.list.d/tsplay2.list', content: `${REPO2}\n`, mode: '0644' }], diff: [REPO2],
    verifyCheck: ['! test -e /etc/apt/sources.list.d/tsplay2.list'], verify: ['apt-cache policy tsplay-other | grep -q tsplay-repo2'] },
  { name: 'apt_repository: the source removed, and its emptied file', module: 'apt_repository', args: { repo: REPO2, state: 'absent', update_cache: false },
    files: [{ path: '/etc/apt/sources.list.d/tsplay2.list', absent: true }] },
  { name: 'apt_repository: a failed cache update puts the files back', module: 'apt_repository',
    args: { repo: 'deb [trusted=yes] file:/srv/tsplay-nowhere ./', filename: 'tsplay-bad', update_cache_retries: 1 },
    check: 'changed', first: 'failed', msg: 'Failed to update apt cache', files: [{ path: '/etc/apt/sources.list.d/tsplay-bad.list', absent: true }] },
  { name: 'apt_repository: a ppa is refused', module: 'apt_repository', args: { repo: 'ppa:tsplay/test' }, first: 'failed', check: 'failed', msg: 'PPA repositories are not supported' },
]

const aptKey: ModuleCase[] = [
  { name: 'apt_key: a key from data, by its id', module: 'apt_key', args: { id: KEY_ID, data: KEY },
    data: { key_id: KEY_ID, short_id: 'C8EB8097', fp: '52B89990C8EB8097', after: expect.arrayContaining(['52B89990C8EB8097']) },
    verify: ['apt-key adv --list-public-keys --keyid-format=long 2>/dev/null | grep -q 52B89990C8EB8097'] },
  { name: 'apt_key: the key removed', module: 'apt_key', args: { id: KEY_ID, state: 'absent' },
    verify: ['! apt-key adv --list-public-keys --keyid-format=long 2>/dev/null | grep -q 52B89990C8EB8097'] },
  { name: 'apt_key: a key file into its own keyring, the id read with gpg', module: 'apt_key', args: { file: '{root}/key.asc', keyring: '/etc/apt/trusted.gpg.d/tsplay-test.gpg' },
    setup: [{ path: '{root}/key.asc', content: KEY }], data: { id: '52B89990C8EB8097' }, verify: ['test -s /etc/apt/trusted.gpg.d/tsplay-test.gpg'] },
  { name: 'apt_key: a bad id is refused', module: 'apt_key', args: { id: 'nothex', state: 'absent' }, first: 'failed', check: 'failed', msg: 'Invalid key_id' },
]

const facts: ModuleCase[] = [
  { name: 'package_facts: dpkg packages with their apt data', module: 'package_facts', args: {}, first: 'ok', check: 'ok',
    data: { ansible_facts: { packages: { coreutils: [expect.objectContaining({ name: 'coreutils', source: 'apt', arch: expect.any(String), version: expect.any(String) })] } } } },
  { name: 'service_facts: sysv services', module: 'service_facts', args: {}, first: 'ok', check: 'ok',
    data: { ansible_facts: { services: { tsplaydummy: expect.objectContaining({ name: 'tsplaydummy', source: 'sysv', state: expect.stringMatching(/^(running|stopped)$/) }) } } } },
]

export const modsSystemCases: ModuleCase[] = [...cron, ...aptRepository, ...aptKey, ...pip, ...facts]
