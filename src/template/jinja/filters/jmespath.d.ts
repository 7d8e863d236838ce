// The jmespath package ships no types; this is the one function used.
declare module 'jmespath' {
  export function search(data: unknown, expression: string): unknown
}
