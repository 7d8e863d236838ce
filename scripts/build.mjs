// `npm run build`: src/ bundled into dist/cli/ by esbuild. Two files:
// - main.cjs: the whole program as one CommonJS bundle, so that bin/tsplay.js can compile it from V8's
//   code cache (cli/boot.ts): the verbs and the engine still load on first use (esbuild runs a lazily
//   imported module's top-level code when it is imported), but nothing is parsed twice.
// - boot.js: the small ES module that loads main.cjs.
// Packages stay external (installed dependencies, required as usual), except those every run loads:
// js-yaml, p-limit (ESM-only: a CommonJS bundle cannot require it on node 20) and ssh2 (~25 ms to compile
// at each start otherwise; its native crypto binding stays where npm built it): bundled, they come from
// the code cache too. Type checking is `npm run lint` (tsc --noEmit). Both files sit two
// levels under the package root, as src/*/ files do, so `../../schemas`, `../../roles` and
// `../../package.json` still resolve from import.meta.url.
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const BUNDLED = ['js-yaml', 'p-limit', 'ssh2']
const external = [
  ...Object.keys(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).dependencies).filter((d) => !BUNDLED.includes(d)),
  'cpu-features', // ssh2's optional native probe, wherever npm put it (ssh2 runs without it)
]
// A native addon a bundled package loads (ssh2's crypto binding) stays where npm built it, required by its
// package path; the require sits in the package's own try/catch, so a build without it runs as before.
const nativeAddons = {
  name: 'native-addons',
  setup(build) {
    build.onResolve({ filter: /\.node$/ }, (args) => {
      const path = join(args.resolveDir, args.path)
      const at = path.lastIndexOf('node_modules/')
      if (!args.path.startsWith('.') || at < 0) throw new Error(`native addon ${args.path} required from ${args.importer}: not a package's own file`)
      return { path: path.slice(at + 'node_modules/'.length), external: true }
    })
  },
}
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' }

rmSync(`${root}/dist`, { recursive: true, force: true })
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/main.cjs',
  format: 'cjs',
  external,
  plugins: [nativeAddons],
  sourcemap: true,
  // the ES modules' import.meta.url, as the bundle's own file URL; strict, as ES modules are (the banner
  // comes before esbuild's own "use strict", which would no longer be a directive)
  define: { 'import.meta.url': '__tsplay_url' },
  banner: { js: '"use strict";\nconst __tsplay_url = require("node:url").pathToFileURL(__filename).href;' },
})
await build({ ...common, entryPoints: ['src/cli/boot.ts'], outfile: 'dist/cli/boot.js', format: 'esm', packages: 'external' })
