// hardware: processors, memory, DMI, block devices, uptime, LVM and mounts (ansible-core's Linux
// hardware collector, which needs the platform's architecture).
import { defineCollector } from '../collector.js'
import { cpuFacts, cpuMemoryProbe, dmiFacts, lvmFacts, memoryFacts, uptimeFacts } from './cpu-memory.js'
import { deviceFacts, devicesProbe } from './devices.js'
import { mountFacts, mountsProbe } from './mounts.js'

export const hardware = defineCollector({
  name: 'hardware',
  factIds: ['devices', 'mounts', 'processor', 'processor_cores', 'processor_count'],
  requires: ['platform'],
  probe(options) {
    const mounts = mountsProbe(options)
    return {
      files: [...cpuMemoryProbe.files, ...devicesProbe.files, ...mounts.files],
      stat: [...cpuMemoryProbe.stat, ...devicesProbe.stat, ...mounts.stat],
      bins: mounts.bins,
      steps: [...cpuMemoryProbe.steps, ...devicesProbe.steps, ...mounts.steps],
    }
  },
  collect(raw, prior) {
    return {
      ...cpuFacts(raw, String(prior.ansible_architecture ?? '')),
      ...memoryFacts(raw),
      ...dmiFacts(raw),
      ...deviceFacts(raw),
      ...uptimeFacts(raw),
      ...lvmFacts(raw),
      ...mountFacts(raw),
    }
  },
})
