import type { ModuleCase } from '../harness.js'
import { serviceCases } from './service.js'

/** Cases that need a host of their own (sandbox or lab host), run in order. */
export const systemCases: Record<string, ModuleCase[]> = { service: serviceCases }
