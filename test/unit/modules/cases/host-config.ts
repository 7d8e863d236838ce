import type { ModuleCase } from '../harness.js'

const k1 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsRKpVNLSw8Rnv2Sla4jMHWrJ6X0YTOdeS2nJEXlGQp one@tsplay'
const k2 = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDKhv6Y two@tsplay'
const keys = '/home/tsplayk/.ssh/authorized_keys'
const mnt = '{root}/mnt/data'

export const hostConfigCases: ModuleCase[] = [
  { name: 'authorized_key creates .ssh and the file', module: 'authorized_key', args: { user: 'tsplayk', key: k1 },
    before: ['id tsplayk >/dev/null 2>&1 || useradd -m tsplayk', `rm -rf /home/tsplayk/.ssh`],
    verifyCheck: ['! test -e /home/tsplayk/.ssh'],
    verify: [`grep -qxF '${k1}' ${keys}`, `stat -c '%a %U' ${keys} | grep -qx '600 tsplayk'`, `stat -c '%a %U' /home/tsplayk/.ssh | grep -qx '700 tsplayk'`] },
  { name: 'authorized_key options replace the same key', module: 'authorized_key', args: { user: 'tsplayk', key: k1, key_options: 'no-pty,command="echo a b"' },
    verify: [`grep -qxF 'no-pty,command="echo a b" ${k1}' ${keys}`, `test "$(wc -l < ${keys})" = 1`] },
  { name: 'authorized_key second key appended', module: 'authorized_key', args: { user: 'tsplayk', key: k2 }, verify: [`test "$(wc -l < ${keys})" = 2`] },
  { name: 'authorized_key exclusive', module: 'authorized_key', args: { user: 'tsplayk', key: k2, exclusive: true }, verify: [`grep -qxF '${k2}' ${keys}`, `test "$(wc -l < ${keys})" = 1`] },
  { name: 'authorized_key absent', module: 'authorized_key', args: { user: 'tsplayk', key: k2, state: 'absent' }, verify: [`test ! -s ${keys}`] },
  { name: 'authorized_key bad key', module: 'authorized_key', args: { user: 'tsplayk', key: 'not a key' }, first: 'failed', msg: 'invalid key' },
  { name: 'authorized_key unknown user', module: 'authorized_key', args: { user: 'nobody-here', key: k1 }, first: 'failed', msg: 'user nobody-here does not exist' },
  { name: 'hostname', module: 'hostname', args: { name: 'web-1.example' }, verifyCheck: ['test "$(hostname)" = tsplay-sandbox'],
    verify: ['test "$(hostname)" = web-1.example', 'grep -qx web-1.example /etc/hostname'] },
  { name: 'hostname refuses shell text', module: 'hostname', args: { name: 'a;b' }, first: 'failed', msg: "'name'" },
  { name: 'timezone set (diff.before/after.name)', module: 'timezone', args: { name: 'America/Denver' },
    before: ['printf "Etc/UTC\\n" > /etc/timezone', 'ln -sf /usr/share/zoneinfo/Etc/UTC /etc/localtime'],
    data: { diff: { before: { name: 'Etc/UTC' }, after: { name: 'America/Denver' } }, msg: 'Added 1 line and deleted 1 line(s) on /etc/timezone' },
    verifyCheck: ['grep -qx Etc/UTC /etc/timezone'], verify: ['grep -qx America/Denver /etc/timezone', 'readlink /etc/localtime | grep -q /zoneinfo/America/Denver$'] },
  { name: 'timezone: /etc/localtime elsewhere is a change', module: 'timezone', args: { name: 'America/Denver' }, before: ['ln -sf /usr/share/zoneinfo/Etc/UTC /etc/localtime'],
    data: { diff: { before: { name: 'Etc/UTC' }, after: { name: 'America/Denver' } } }, verify: ['readlink /etc/localtime | grep -q /zoneinfo/America/Denver$'] },
  { name: 'timezone restored', module: 'timezone', args: { name: 'Etc/UTC' }, verify: ['grep -qx Etc/UTC /etc/timezone'] },
  { name: 'timezone unknown zone', module: 'timezone', args: { name: 'Nowhere/Atlantis' }, first: 'failed', msg: 'given timezone "Nowhere/Atlantis" is not available' },
  { name: 'timezone hwclock refused', module: 'timezone', args: { hwclock: 'UTC' }, first: 'failed', msg: "'hwclock' is not supported" },
  { name: 'sysctl in a file, reloaded', module: 'sysctl', args: { name: 'net.ipv4.ip_forward', value: '1', sysctl_file: '{root}/sysctl.conf' },
    setup: [{ path: '{root}/sysctl.conf', content: '# keep\nnet.ipv4.ip_forward = 0\n' }], before: ['sysctl -w net.ipv4.ip_forward=0'],
    verifyCheck: ['test "$(sysctl -n net.ipv4.ip_forward)" = 0'], verify: ['test "$(sysctl -n net.ipv4.ip_forward)" = 1'],
    files: [{ path: '{root}/sysctl.conf', content: '# keep\nnet.ipv4.ip_forward=1\n' }] },
  { name: 'sysctl same value written differently is ok', module: 'sysctl', args: { name: 'net.ipv4.ip_forward', value: 1, sysctl_file: '{root}/s.conf' },
    setup: [{ path: '{root}/s.conf', content: 'net.ipv4.ip_forward =  1\n' }], first: 'ok' },
  { name: 'sysctl absent', module: 'sysctl', args: { name: 'vm.swappiness', state: 'absent', sysctl_file: '{root}/s.conf', reload: false },
    setup: [{ path: '{root}/s.conf', content: 'a=1\nvm.swappiness=10\n' }], files: [{ path: '{root}/s.conf', content: 'a=1\n' }] },
  { name: 'mount tmpfs with an fstab entry', module: 'mount', args: { path: mnt, src: 'tmpfs', fstype: 'tmpfs', opts: 'size=1m', state: 'mounted', fstab: '{root}/fstab' },
    verifyCheck: [`! mountpoint -q ${mnt}`], verify: [`mountpoint -q ${mnt}`],
    files: [{ path: '{root}/fstab', content: `tmpfs ${mnt} tmpfs size=1m 0 0\n` }] },
  { name: 'mount unmounted keeps fstab', module: 'mount', args: { path: mnt, state: 'unmounted', fstab: '{root}/fstab' },
    setup: [{ path: '{root}/fstab', content: `tmpfs ${mnt} tmpfs size=1m 0 0\n` }], before: [`mkdir -p ${mnt} && mount -t tmpfs tmpfs ${mnt}`],
    verifyCheck: [`mountpoint -q ${mnt}`], verify: [`! mountpoint -q ${mnt}`], files: [{ path: '{root}/fstab', content: `tmpfs ${mnt} tmpfs size=1m 0 0\n` }] },
  { name: 'mount absent removes the entry', module: 'mount', args: { path: mnt, state: 'absent', fstab: '{root}/fstab' },
    setup: [{ path: '{root}/fstab', content: `# fs\ntmpfs ${mnt} tmpfs size=1m 0 0\n` }], files: [{ path: '{root}/fstab', content: '# fs\n' }] },
]
