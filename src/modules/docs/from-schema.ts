// Modules that carry their documentation in their schema (description, examples, each property's
// description) give `tsplay doc` the same ModuleDoc as the others, built from it: one text, one home.
import type { ModuleDoc } from './types.js'

interface DocumentedSchema {
  description?: string
  examples?: string[]
  properties?: Record<string, { description?: string }>
}

export function docFromSchema(schema: Record<string, unknown>): ModuleDoc {
  const s = schema as DocumentedSchema
  const description = s.description ?? ''
  const args: Record<string, string> = {}
  for (const [name, prop] of Object.entries(s.properties ?? {})) if (prop.description) args[name] = prop.description
  return { short: firstSentence(description), description, args, examples: (s.examples ?? []).join('\n') }
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/)
  return end === -1 ? text : text.slice(0, end)
}
