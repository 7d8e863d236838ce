import type { ModuleCase } from '../harness.js'

const hash = '$6$salt$IxDD3jeSOb5eB1CX5LBsqZFVkJdido3OUILO5Ifz5iwMuTS4XMS130MTSuDDl3aCI6WouIL9AjRbLCelDCy.g.'
export const userCases: ModuleCase[] = [
  { name: 'group with gid', module: 'group', args: { name: 'tsplayg', gid: 4321 }, verifyCheck: ['! getent group tsplayg'], verify: ['getent group tsplayg | grep -q :4321:'] },
  { name: 'group gid change', module: 'group', args: { name: 'tsplayg', gid: 4322 }, data: { name: 'tsplayg', state: 'present', gid: 4322, system: false }, verify: ['getent group tsplayg | grep -q :4322:'] },
  { name: 'group sharing a gid (non_unique)', module: 'group', args: { name: 'tsplayg2', gid: 4322, non_unique: true }, data: { gid: 4322 },
    verifyCheck: ['! getent group tsplayg2'], verify: ['getent group tsplayg2 | grep -q :4322:'] },
  { name: 'group taking a used gid refused', module: 'group', args: { name: 'tsplayg3', gid: 4322 }, first: 'failed', check: 'changed', msg: "groupadd: GID '4322' already exists" },
  { name: 'group non_unique needs gid', module: 'group', args: { name: 'tsplayg3', non_unique: true }, first: 'failed', msg: 'non_unique is True but all of the following are missing: gid' },
  { name: 'system group', module: 'group', args: { name: 'tsplaysys', system: true }, data: { system: true }, verify: ['test "$(getent group tsplaysys | cut -d: -f3)" -lt 1000'] },
  { name: 'group found in /etc/group (local)', module: 'group', args: { name: 'tsplayg', gid: 4322, local: true }, first: 'ok', data: { gid: 4322 } },
  { name: 'group absent from /etc/group (local)', module: 'group', args: { name: 'tsplaynone', state: 'absent', local: true }, first: 'ok' },
  { name: 'group removed (system)', module: 'group', args: { name: 'tsplaysys', state: 'absent' }, data: { name: 'tsplaysys', state: 'absent' }, verify: ['! getent group tsplaysys'] },
  { name: 'group removed (non_unique)', module: 'group', args: { name: 'tsplayg2', state: 'absent' }, verify: ['! getent group tsplayg2'] },
  { name: 'user created with home, shell, groups', module: 'user', args: { name: 'tsplayu', uid: 4500, shell: '/bin/sh', groups: ['tsplayg'], comment: 'Ts Play' },
    verifyCheck: ['! getent passwd tsplayu'], verify: ['getent passwd tsplayu | grep -qx "tsplayu:x:4500:4500:Ts Play:/home/tsplayu:/bin/sh"', 'test -d /home/tsplayu', 'id -Gn tsplayu | grep -qw tsplayg'] },
  { name: 'user shell and comment change', module: 'user', args: { name: 'tsplayu', shell: '/bin/bash', comment: "it's me; $(x)" },
    verify: ['getent passwd tsplayu | grep -q :/bin/bash$', `getent passwd tsplayu | cut -d: -f5 | grep -qxF "it's me; \\$(x)"`] },
  { name: 'user groups append keeps existing', module: 'user', args: { name: 'tsplayu', groups: ['daemon'], append: true }, verify: ['id -Gn tsplayu | grep -qw tsplayg', 'id -Gn tsplayu | grep -qw daemon'] },
  { name: 'user groups exact removes others', module: 'user', args: { name: 'tsplayu', groups: ['daemon'] }, verify: ['! id -Gn tsplayu | grep -qw tsplayg'] },
  { name: 'user password hash (never shown)', module: 'user', args: { name: 'tsplayu', password: hash }, secret: hash, verify: [`getent shadow tsplayu | grep -qF '${hash}'`] },
  { name: 'user removed with home', module: 'user', args: { name: 'tsplayu', state: 'absent', remove: true }, verify: ['! getent passwd tsplayu', '! test -e /home/tsplayu'] },
  { name: 'group removed', module: 'group', args: { name: 'tsplayg', state: 'absent' }, verify: ['! getent group tsplayg'] },
  { name: 'bad user name refused', module: 'user', args: { name: '-o; rm' }, first: 'failed', msg: "'name'" },
]
