// The module registry: a constant map, so a module name's type is `keyof typeof modules`.
import { apt } from './apt.js'
import { assert } from './assert.js'
import { authorizedKey } from './authorized-key.js'
import { blockinfile } from './blockinfile.js'
import { command } from './command.js'
import { copy } from './copy.js'
import { debug } from './debug.js'
import { fail } from './fail.js'
import { etcdMember } from './etcd-member.js'
import { file } from './file.js'
import { getUrl } from './get-url.js'
import { group } from './group.js'
import { hostname } from './hostname.js'
import { lineinfile } from './lineinfile.js'
import { mount } from './mount.js'
import { packageModule } from './package.js'
import { ping } from './ping.js'
import { raw } from './raw.js'
import { replace } from './replace.js'
import { service } from './service.js'
import { setFact } from './set-fact.js'
import { setup } from './setup.js'
import { shell } from './shell.js'
import { slurp } from './slurp.js'
import { stat } from './stat.js'
import { sysctl } from './sysctl.js'
import { systemd } from './systemd.js'
import { template } from './template.js'
import { uri } from './uri.js'
import { user } from './user.js'
import { waitFor } from './wait-for.js'
import { waitForConnection } from './wait-for-connection.js'

export const modules = {
  apt,
  assert,
  authorized_key: authorizedKey,
  blockinfile,
  command,
  copy,
  debug,
  fail,
  file,
  get_url: getUrl,
  group,
  hostname,
  lineinfile,
  mount,
  package: packageModule,
  ping,
  raw,
  replace,
  service,
  set_fact: setFact,
  setup,
  shell,
  slurp,
  stat,
  sysctl,
  systemd,
  template,
  uri,
  user,
  wait_for: waitFor,
  wait_for_connection: waitForConnection,
  etcd_member: etcdMember,
} as const

export type ModuleName = keyof typeof modules

export function isModuleName(name: string): name is ModuleName {
  return Object.prototype.hasOwnProperty.call(modules, name)
}
