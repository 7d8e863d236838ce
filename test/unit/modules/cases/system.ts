import type { ModuleCase } from '../harness.js'
import { aptCases } from './apt.js'
import { hostConfigCases } from './host-config.js'
import { modsSystemCases } from './mods-system.js'
import { serviceCases } from './service.js'
import { userCases } from './users.js'

/** Cases that need a host of their own (sandbox or lab host), run in order. */
export const systemCases: Record<string, ModuleCase[]> = { service: serviceCases, apt: aptCases, users: userCases, hostConfig: hostConfigCases, mods: modsSystemCases }
