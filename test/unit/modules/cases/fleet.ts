// fleet_unit cases against the fake fleetctl (fixtures/fake-bin/fleetctl), whose registry lives in
// {root}/registry: units/NAME holds the submitted content, units/NAME.dstate fleet's desired state.
import type { ModuleCase, SetupEntry } from '../harness.js'

const UNIT = '[Service]\nEnvironment=HA_MODE=active-active\nExecStart=/usr/bin/docker run controller\n'
const NEW = UNIT.replace('active-active', 'active-passive')
const file = (content = UNIT): SetupEntry => ({ path: '{root}/units/controller.service', content })
const registered = (dstate: string, content = UNIT): SetupEntry[] => [
  { path: '{root}/registry/units/controller.service', content },
  { path: '{root}/registry/units/controller.service.dstate', content: `${dstate}\n` },
]
const path = '{root}/units/controller.service'
const has = (dstate: string, content = UNIT): string[] => [
  `grep -qx ${dstate} {root}/registry/units/controller.service.dstate`,
  `printf '%s' '${content}' | cmp -s - {root}/registry/units/controller.service`,
]
const absent = ['test ! -e {root}/registry/units/controller.service']

export const fleetCases: ModuleCase[] = [
  { name: 'a new unit is submitted and started', module: 'fleet_unit', args: { path }, setup: [file()],
    data: { name: 'controller.service', dstate: 'absent', actions: [`fleetctl submit {root}/units/controller.service`, 'fleetctl start -no-block controller.service'] },
    diff: ['HA_MODE=active-active'], verifyCheck: absent, verify: has('launched') },
  { name: 'the same content, launched: nothing to do', module: 'fleet_unit', args: { path, state: 'started' }, setup: [file(), ...registered('launched')],
    first: 'ok', verify: has('launched') },
  { name: 'a trailing newline is not a difference (fleetctl cat drops it)', module: 'fleet_unit', args: { path }, setup: [file(UNIT + '\n'), ...registered('launched')],
    first: 'ok' },
  { name: 'changed content: destroyed, submitted again, started', module: 'fleet_unit', args: { path }, setup: [file(NEW), ...registered('launched')],
    data: { actions: ['fleetctl destroy controller.service', 'fleetctl submit {root}/units/controller.service', 'fleetctl start -no-block controller.service'] },
    diff: ['HA_MODE=active-passive'], verifyCheck: has('launched'), verify: has('launched', NEW) },
  { name: 'a submitted unit is started', module: 'fleet_unit', args: { path }, setup: [file(), ...registered('inactive')],
    data: { dstate: 'inactive', actions: ['fleetctl start -no-block controller.service'] }, verify: has('launched') },
  { name: 'state=present only submits', module: 'fleet_unit', args: { path, state: 'present' }, setup: [file()],
    verify: has('inactive') },
  { name: 'state=present leaves a launched unit launched', module: 'fleet_unit', args: { path, state: 'present' }, setup: [file(), ...registered('launched')],
    first: 'ok' },
  { name: 'state=stopped stops a launched unit', module: 'fleet_unit', args: { path, state: 'stopped' }, setup: [file(), ...registered('launched')],
    data: { actions: ['fleetctl stop -no-block controller.service'] }, verify: has('loaded') },
  { name: 'state=absent destroys by name', module: 'fleet_unit', args: { name: 'controller.service', state: 'absent' }, setup: registered('launched'),
    verify: absent },
  { name: 'state=absent on an unknown unit is ok', module: 'fleet_unit', args: { name: 'controller.service', state: 'absent' }, first: 'ok' },
  { name: 'a missing unit file fails naming it', module: 'fleet_unit', args: { path }, first: 'failed', check: 'failed', msg: 'units/controller.service does not exist' },
  { name: 'name and file name must agree', module: 'fleet_unit', args: { path, name: 'network.service' }, setup: [file()],
    first: 'failed', check: 'failed', msg: 'name network.service differs from the file name controller.service' },
  { name: 'a path that is not a unit name fails', module: 'fleet_unit', args: { path: '{root}/units/controller' }, first: 'failed', check: 'failed', msg: 'is not a unit name' },
  { name: 'state=started without path fails', module: 'fleet_unit', args: { name: 'controller.service' }, first: 'failed', check: 'failed', msg: 'needs path' },
]
