// The module registry: a constant map, so a module name's type is `keyof typeof modules`.
import { addHost } from './add-host.js'
import { asyncStatus } from './async-status.js'
import { apt } from './apt.js'
import { aptKey } from './apt-key.js'
import { aptRepository } from './apt-repository.js'
import { assert } from './assert.js'
import { authorizedKey } from './authorized-key.js'
import { blockinfile } from './blockinfile.js'
import { cephOsd } from './ceph-osd.js'
import { command } from './command.js'
import { copy } from './copy.js'
import { cron } from './cron.js'
import { debug } from './debug.js'
import { dockerContainer } from './docker-container.js'
import { dockerImage } from './docker-image.js'
import { fail } from './fail.js'
import { etcdMember } from './etcd-member.js'
import { fetch } from './fetch.js'
import { file } from './file.js'
import { find } from './find.js'
import { fleetUnit } from './fleet-unit.js'
import { getent } from './getent.js'
import { getUrl } from './get-url.js'
import { git } from './git.js'
import { glusterVolume } from './gluster-volume.js'
import { group } from './group.js'
import { groupBy } from './group-by.js'
import { heketiTopologyModule } from './heketi-topology.js'
import { hostname } from './hostname.js'
import { k8sApply } from './k8s-apply.js'
import { knownHosts } from './known-hosts.js'
import { lineinfile } from './lineinfile.js'
import { mount } from './mount.js'
import { packageModule } from './package.js'
import { packageFacts } from './package-facts.js'
import { pause } from './pause.js'
import { ping } from './ping.js'
import { pip } from './pip.js'
import { raw } from './raw.js'
import { reboot } from './reboot.js'
import { replace } from './replace.js'
import { script } from './script.js'
import { service } from './service.js'
import { serviceFacts } from './service-facts.js'
import { setFact } from './set-fact.js'
import { gatherFactsModule, setup } from './setup.js'
import { shell } from './shell.js'
import { slurp } from './slurp.js'
import { stat } from './stat.js'
import { sysctl } from './sysctl.js'
import { systemd } from './systemd.js'
import { tempfile } from './tempfile.js'
import { timezone } from './timezone.js'
import { template } from './template.js'
import { unarchive } from './unarchive.js'
import { uri } from './uri.js'
import { user } from './user.js'
import { waitFor } from './wait-for.js'
import { waitForConnection } from './wait-for-connection.js'

export const modules = {
  add_host: addHost,
  async_status: asyncStatus,
  apt,
  apt_key: aptKey,
  apt_repository: aptRepository,
  assert,
  authorized_key: authorizedKey,
  blockinfile,
  command,
  copy,
  cron,
  debug,
  fail,
  fetch,
  file,
  gather_facts: gatherFactsModule,
  find,
  get_url: getUrl,
  getent,
  git,
  group,
  group_by: groupBy,
  hostname,
  known_hosts: knownHosts,
  lineinfile,
  mount,
  package: packageModule,
  package_facts: packageFacts,
  pause,
  ping,
  pip,
  raw,
  reboot,
  replace,
  script,
  service,
  service_facts: serviceFacts,
  set_fact: setFact,
  setup,
  shell,
  slurp,
  stat,
  sysctl,
  systemd,
  tempfile,
  template,
  timezone,
  unarchive,
  uri,
  user,
  wait_for: waitFor,
  wait_for_connection: waitForConnection,
  etcd_member: etcdMember,
  gluster_volume: glusterVolume,
  heketi_topology: heketiTopologyModule,
  fleet_unit: fleetUnit,
  docker_image: dockerImage,
  docker_container: dockerContainer,
  k8s_apply: k8sApply,
  ceph_osd: cephOsd,
} as const

export type ModuleName = keyof typeof modules

export function isModuleName(name: string): name is ModuleName {
  return Object.prototype.hasOwnProperty.call(modules, name)
}
