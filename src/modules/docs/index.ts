// Every module's documentation, by module name: the type makes a module without docs a compile error,
// and test/unit/modules/docs.test.ts checks each argument is described and the examples pass `tsplay check`.
import { modules, type ModuleName } from '../index.js'
import { ceph_osd, docker_container, docker_image, etcd_member, fleet_unit, gluster_volume, heketi_topology, k8s_apply } from './cluster.js'
import { command, raw, script, shell } from './commands.js'
import { add_host, assert, async_status, debug, fail, group_by, set_fact } from './control.js'
import { docFromSchema } from './from-schema.js'
import { blockinfile, copy, fetch, file, get_url, lineinfile, replace, stat, template, unarchive } from './files.js'
import { ping, reboot, uri, wait_for, wait_for_connection } from './network.js'
import { apt, authorized_key, gather_facts, group, hostname, mount, package_, service, setup, sysctl, systemd, timezone, user } from './system.js'
import type { ModuleDoc } from './types.js'

export type { ModuleDoc } from './types.js'

// modules whose schema carries their documentation
const SCHEMA_DOCUMENTED = [
  'apt_key', 'apt_repository', 'cron', 'find', 'getent', 'git', 'known_hosts', 'package_facts', 'pause', 'pip', 'service_facts', 'slurp', 'tempfile',
] as const
const fromSchemas = Object.fromEntries(SCHEMA_DOCUMENTED.map((name) => [name, docFromSchema(modules[name].schema)])) as Record<(typeof SCHEMA_DOCUMENTED)[number], ModuleDoc>

export const moduleDocs: Record<ModuleName, ModuleDoc> = {
  add_host, apt, assert, async_status, authorized_key, blockinfile, command, copy, debug, fail, fetch, file, gather_facts, get_url, group, group_by, hostname,
  lineinfile, mount, package: package_, ping, raw, reboot, replace, script, service, set_fact, setup, shell, stat,
  sysctl, systemd, template, timezone, unarchive, uri, user, wait_for, wait_for_connection, etcd_member, gluster_volume, heketi_topology,
  fleet_unit, docker_image, docker_container, k8s_apply, ceph_osd, ...fromSchemas,
}
