import type { ModuleCase } from '../harness.js'

// Run in order on one sandbox host that has /etc/init.d/tsplaydummy (fixtures/initd) and no systemd.
const running = '/etc/init.d/tsplaydummy status'
const stopped = '! /etc/init.d/tsplaydummy status'
export const serviceCases: ModuleCase[] = [
  { name: 'started (sysv)', module: 'service', args: { name: 'tsplaydummy', state: 'started' }, before: ['/etc/init.d/tsplaydummy stop'],
    verifyCheck: [stopped], verify: [running], data: { service_mgr: 'sysv', status: { running: false } } },
  { name: 'enabled via update-rc.d', module: 'service', args: { name: 'tsplaydummy', enabled: true },
    verifyCheck: ['! ls /etc/rc2.d/S*tsplaydummy'], verify: ['ls /etc/rc2.d/S*tsplaydummy', 'ls /etc/rc0.d/K*tsplaydummy'] },
  { name: 'stopped and disabled', module: 'service', args: { name: 'tsplaydummy', state: 'stopped', enabled: 'no' },
    verifyCheck: [running], verify: [stopped, '! ls /etc/rc2.d/S*tsplaydummy'] },
  { name: 'restarted is always changed', module: 'service', args: { name: 'tsplaydummy', state: 'restarted' }, second: 'changed', verify: [running] },
  { name: 'reloaded passes arguments', module: 'service', args: { name: 'tsplaydummy', state: 'reloaded', arguments: "'a b'" }, second: 'changed',
    before: ['/etc/init.d/tsplaydummy start', 'rm -f /run/tsplaydummy.log'], verify: ['grep -qx "reload a b" /run/tsplaydummy.log'] },
  { name: 'systemd module falls back to sysv', module: 'systemd', args: { name: 'tsplaydummy', state: 'stopped' }, verify: [stopped] },
  { name: 'unknown service names the problem', module: 'service', args: { name: 'no-such-svc', state: 'started' }, first: 'failed', msg: 'Could not find the requested service no-such-svc' },
  { name: 'state or enabled required', module: 'service', args: { name: 'tsplaydummy' }, first: 'failed', msg: 'one of the following is required' },
]
