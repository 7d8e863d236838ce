import type { ModuleCase } from '../harness.js'
import { copyCases } from './copy.js'
import { fileCases } from './file.js'

export const allCases: Record<string, ModuleCase[]> = { copy: copyCases, file: fileCases }
