// Starts one lab for the whole e2e run and removes it afterwards, even when tests fail.
// The name is unique per run (helpers and CI jobs may run e2e suites at the same time);
// set TSPLAY_E2E_LAB to pin it and TSPLAY_E2E_HOSTS for more hosts than the default 3.
import type { TestProject } from 'vitest/node'
import { labDown, labUp, staleLabs, type LabInfo } from '../../src/lab/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    lab: LabInfo
  }
}

export function e2eLabName(): string {
  return process.env.TSPLAY_E2E_LAB || `e${process.pid.toString(36).slice(-5)}`
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = e2eLabName()
  const count = Math.max(3, Number(process.env.TSPLAY_E2E_HOSTS ?? 3)) // lab.test.ts uses lab-1 … lab-3
  // Labs of e2e runs that were killed before their teardown, and a lab left under a recycled pid.
  for (const stale of staleLabs()) await labDown({ name: stale })
  await labDown({ name })
  let info: LabInfo
  try {
    info = await labUp({ name, count, owner: process.pid })
  } catch (error) {
    await labDown({ name }).catch(() => undefined)
    throw error
  }
  project.provide('lab', info)
  process.env.TSPLAY_E2E_LAB_STATE = `${info.dir}/state.json` // for tools spawned by tests
  return async () => {
    await labDown({ name })
  }
}
