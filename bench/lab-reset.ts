// Fresh hosts for every first run: stop each host (its overlay mount dies with its namespace), empty
// its upperdir and workdir, start it again. Same keys and addresses, nothing written by the last run.
import { readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { labStop, labUp, type LabInfo } from '../src/lab/index.js'
import { hostPaths, labPaths } from '../src/lab/paths.js'

export async function resetLab(info: LabInfo): Promise<LabInfo> {
  const root = dirname(info.dir)
  for (const h of info.hosts) await labStop(h.name, { name: info.name, root })
  for (const h of info.hosts) {
    const hp = hostPaths(labPaths(info.name, root), h.name)
    for (const dir of [hp.upper, hp.work]) {
      for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true })
    }
  }
  return labUp({ name: info.name, root, count: info.hosts.length })
}
