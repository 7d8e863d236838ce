// A value as error messages name it: "undefined", "null", "a list", "a dict", `string "x"`, `number 3`.

export function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'a dict' : `${typeof value} ${JSON.stringify(value)}`
}
