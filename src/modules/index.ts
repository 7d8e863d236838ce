// The module registry: a constant map, so a module name's type is `keyof typeof modules`.
import { assert } from './assert.js'
import { blockinfile } from './blockinfile.js'
import { debug } from './debug.js'
import { fail } from './fail.js'
import { etcdMember } from './etcd-member.js'
import { setFact } from './set-fact.js'
import { setup } from './setup.js'
import { command } from './command.js'
import { copy } from './copy.js'
import { file } from './file.js'
import { lineinfile } from './lineinfile.js'
import { ping } from './ping.js'
import { raw } from './raw.js'
import { replace } from './replace.js'
import { shell } from './shell.js'
import { slurp } from './slurp.js'
import { stat } from './stat.js'
import { template } from './template.js'

export const modules = {
  assert,
  debug,
  fail,
  set_fact: setFact,
  setup,
  blockinfile,
  command,
  copy,
  file,
  lineinfile,
  ping,
  raw,
  replace,
  shell,
  slurp,
  stat,
  template,
  etcd_member: etcdMember,
} as const

export type ModuleName = keyof typeof modules

export function isModuleName(name: string): name is ModuleName {
  return Object.prototype.hasOwnProperty.call(modules, name)
}
