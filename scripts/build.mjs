// `npm run build`: src/ bundled into dist/cli/ by esbuild, the verbs and the engine as lazy chunks.
// Why a bundle: Node 20 loads ~100 separate ES modules in ~150 ms of a 350 ms one-task run; the bundle
// loads in a fraction of that. Packages stay external (installed dependencies, required as usual).
// Type checking is `npm run lint` (tsc --noEmit). Every chunk sits two levels under the package root,
// as src/*/ files do, so their `../../schemas`, `../../roles` and `../../package.json` still resolve.
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
rmSync(`${root}/dist`, { recursive: true, force: true })
buildSync({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
})
