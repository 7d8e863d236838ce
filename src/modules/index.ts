// The module registry: a constant map, so a module name's type is `keyof typeof modules`.
import { command } from './command.js'
import { copy } from './copy.js'
import { file } from './file.js'
import { ping } from './ping.js'
import { raw } from './raw.js'
import { shell } from './shell.js'
import { slurp } from './slurp.js'
import { stat } from './stat.js'

export const modules = { command, copy, file, ping, raw, shell, slurp, stat } as const

export type ModuleName = keyof typeof modules

export function isModuleName(name: string): name is ModuleName {
  return Object.prototype.hasOwnProperty.call(modules, name)
}
