// `npm run build`: src/ bundled into dist/cli/ by esbuild. Two files:
// - main.cjs: the whole program as one CommonJS bundle, so that bin/tsplay.js can compile it from V8's
//   code cache (cli/boot.ts): the verbs and the engine still load on first use (esbuild runs a lazily
//   imported module's top-level code when it is imported), but nothing is parsed twice.
// - boot.js: the small ES module that loads main.cjs.
// Packages stay external (installed dependencies, required as usual), except the pure-JS ones every run
// loads (js-yaml; p-limit, which is ESM-only: a CommonJS bundle cannot require it on node 20): bundled,
// they come from the code cache too. Type checking is `npm run lint` (tsc --noEmit). Both files sit two
// levels under the package root, as src/*/ files do, so `../../schemas`, `../../roles` and
// `../../package.json` still resolve from import.meta.url.
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const BUNDLED = ['js-yaml', 'p-limit']
const external = Object.keys(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).dependencies).filter((d) => !BUNDLED.includes(d))
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' }

rmSync(`${root}/dist`, { recursive: true, force: true })
buildSync({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/main.cjs',
  format: 'cjs',
  external,
  sourcemap: true,
  // the ES modules' import.meta.url, as the bundle's own file URL; strict, as ES modules are (the banner
  // comes before esbuild's own "use strict", which would no longer be a directive)
  define: { 'import.meta.url': '__tsplay_url' },
  banner: { js: '"use strict";\nconst __tsplay_url = require("node:url").pathToFileURL(__filename).href;' },
})
buildSync({ ...common, entryPoints: ['src/cli/boot.ts'], outfile: 'dist/cli/boot.js', format: 'esm', packages: 'external' })
