// Every fact collector, in the order they run (each after those it reads). `facter` and `ohai` are valid
// gather_subset names that give nothing: tsplay runs neither tool.
import { defineCollector, type Collector } from './collector.js'
import { dateTime } from './linux/date-time.js'
import { distribution } from './linux/distribution.js'
import { hardware } from './linux/hardware.js'
import { local } from './linux/local.js'
import { lsb } from './linux/lsb.js'
import { pkgMgr, serviceMgr } from './linux/managers.js'
import { network } from './linux/network.js'
import { platform } from './linux/platform.js'
import { python } from './linux/python.js'
import { apparmor, caps, chroot, fips, selinux } from './linux/security.js'
import { cmdline, dns, fibreChannelWwn, iscsi, loadavg, nvme, sshPubKeys } from './linux/system.js'
import { env, user } from './linux/user-env.js'
import { virtual } from './linux/virtual.js'

const nothing = (name: string, factIds?: string[]) => defineCollector({ name, factIds, probe: () => ({}), collect: () => ({}) })

export const collectors: Collector[] = [
  platform,
  distribution,
  lsb,
  selinux,
  apparmor,
  chroot,
  fips,
  python,
  caps,
  pkgMgr,
  serviceMgr,
  cmdline,
  dateTime,
  env,
  loadavg,
  sshPubKeys,
  user,
  virtual,
  hardware,
  dns,
  fibreChannelWwn,
  network,
  iscsi,
  nvme,
  local,
  nothing('facter', ['facter']),
  nothing('ohai'),
]
