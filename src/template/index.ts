// The template layer's public API (see engine.ts for the language, condition.ts for conditions).
export { render, evaluate, renderValue, checkSyntax, containsTemplate, type RenderContext } from './engine.js'
export { evaluateCondition, conditionTemplate, jinjaCondition } from './condition.js'
export { helpers, truthy } from './helpers.js'
export { markUnsafe, markScope, isUnsafe, isScope, UnsafeText } from './markers.js'
