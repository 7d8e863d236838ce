// The playbook layer's public API, for the executor and the CLI.
//
// Load:      loadPlaybook(file, { modules, rolesPath, extraVars }) → Playbook (model.ts), ConfigError on bad input
//            loadTaskFile(file, { baseDir, role, modules }) for `include_tasks` at run time
//            loadVarsFile(path) for vars_files with templated paths and `include_vars`
// Walk:      playTasks(play) → { task, blocks, section } in run order (keyword inheritance: executor/scope.ts)
// Variables: taskScope(layers) — the one place variable precedence is defined (scope.ts)
// Loops:     expandLoop(renderedValue, task.loop_with)
// Modules:   coerceModuleArgs(task, module, renderedArgs, true) → typed args + problems (file:line)
// Templates: see src/template/index.ts (render, evaluate, renderValue, evaluateCondition, markUnsafe)
export * from './model.js'
export { loadPlaybook, loadTaskFile, loadVarsFile, type LoadOptions, type TaskFileOptions } from './load.js'
export { Catalog, shortName, type ModuleCatalog, type ModuleInfo } from './catalog.js'
export { playTasks, type TaskInContext } from './walk.js'
export { taskScope, PRECEDENCE, type ScopeLayers } from './scope.js'
export { expandLoop } from './loop.js'
export { coerceModuleArgs, moduleArgProblems, moduleKeyPosition, type CheckedArgs } from './module-args.js'
export { schemaProblems, validateSchema, schemaDir, type Problem, type SchemaName } from './validate.js'
export { roleSearchPath } from './role.js'
export { parseKv, splitArgs } from './kv.js'
export { parseYaml, SourceMap, type ParsedYaml } from './yaml.js'
