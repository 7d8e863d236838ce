import type { ModuleCase } from '../harness.js'

// Run in order on a host whose apt sees only the test repository /srv/tsplay-repo (support/debs.ts):
// tsplay-hello 1.0 and 2.0, tsplay-other 1.0.
const repo = '/srv/tsplay-repo'
export const aptCases: ModuleCase[] = [
  { name: 'deb: installs a local .deb', module: 'apt', args: { deb: `${repo}/tsplay-hello_1.0_all.deb` },
    verifyCheck: ['! dpkg -s tsplay-hello'], verify: ['grep -qx 1.0 /usr/share/tsplay-hello/version'] },
  { name: 'deb: a newer .deb upgrades', module: 'apt', args: { deb: `${repo}/tsplay-hello_2.0_all.deb` },
    verifyCheck: ['grep -qx 1.0 /usr/share/tsplay-hello/version'], verify: ['grep -qx 2.0 /usr/share/tsplay-hello/version'] },
  { name: 'name present when installed is ok', module: 'apt', args: { name: 'tsplay-hello' }, first: 'ok' },
  { name: 'name=version pins', module: 'apt', args: { name: 'tsplay-hello=1.0', force: true }, verify: ['grep -qx 1.0 /usr/share/tsplay-hello/version'] },
  { name: 'latest upgrades to the candidate', module: 'apt', args: { name: 'tsplay-hello', state: 'latest' }, verify: ['grep -qx 2.0 /usr/share/tsplay-hello/version'] },
  { name: 'install by name from the repository (list)', module: 'apt', args: { name: ['tsplay-other', 'tsplay-hello'], state: 'present' },
    data: { packages: ['tsplay-other'] }, verify: ['dpkg -s tsplay-other'] },
  { name: 'absent removes only that package', module: 'package', args: { name: 'tsplay-other', state: 'absent' },
    verifyCheck: ['dpkg -s tsplay-other'], verify: ['! dpkg -s tsplay-other | grep -q "ok installed"', 'dpkg -s tsplay-hello'] },
  { name: 'absent with purge', module: 'apt', args: { name: 'tsplay-hello', state: 'absent', purge: true }, verify: ['! dpkg -s tsplay-hello 2>/dev/null'] },
  { name: 'unknown package fails clearly', module: 'apt', args: { name: 'tsplay-nope' }, first: 'failed', msg: "No package matching 'tsplay-nope'" },
  { name: 'bad package name is refused before the host', module: 'apt', args: { name: 'x; rm -rf /' }, first: 'failed', msg: 'not a valid package name' },
  { name: 'missing deb file', module: 'apt', args: { deb: '/nope.deb' }, first: 'failed', msg: 'not found on the host' },
]
