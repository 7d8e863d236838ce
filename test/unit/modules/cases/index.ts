import type { ModuleCase } from '../harness.js'
import { copyCases } from './copy.js'
import { editCases } from './edit.js'
import { fileCases } from './file.js'
import { modsCases } from './mods.js'
import { transferCases } from './transfer.js'

export const allCases: Record<string, ModuleCase[]> = { copy: copyCases, file: fileCases, edit: editCases, transfer: transferCases, mods: modsCases }
