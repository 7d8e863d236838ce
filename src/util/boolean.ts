// Booleans as Ansible reads them: one home for every yes/no decision outside template expressions.
//   boolean()      module_utils' boolean(): keywords (become, ignore_errors, …), module arguments of
//                  type bool, connection variables. y/yes/on/1/true/t and n/no/off/0/false/f, any case,
//                  surrounding spaces ignored; the numbers 1 and 0; anything else is an error.
//   boolFilter()   the `bool` filter, which Ansible implements separately and more loosely: only
//                  yes/on/1/true (any case, not trimmed) and 1 are true, everything else false, None stays None.
// Python truthiness (`when: some_list`) is a different rule and belongs to the template engine.

const TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't'])
const FALSE = new Set(['n', 'no', 'off', '0', 'false', 'f'])

/** What boolean() accepts, for error messages. */
export const BOOLEAN_WORDS = 'yes/no, true/false, on/off, y/n, t/f, 1/0'

/** Ansible's boolean(): the boolean `value` stands for, or undefined when it stands for none. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined
  if (typeof value === 'string' || value instanceof String) {
    const s = String(value).trim().toLowerCase()
    if (TRUE.has(s)) return true
    if (FALSE.has(s)) return false
  }
  return undefined
}

/** Ansible's boolean(value, strict=False): anything that is not a true word is false. */
export function looseBoolean(value: unknown): boolean {
  return parseBoolean(value) ?? false
}

/** The `bool` filter (Ansible's to_bool). */
export function boolFilter(value: unknown): boolean | null | undefined {
  if (value === null || value === undefined || typeof value === 'boolean') return value
  if (typeof value === 'number') return value === 1
  return ['yes', 'on', '1', 'true'].includes(String(value).toLowerCase())
}

/** set_fact's conversion: the strings true/false/yes/no (any case) are booleans; anything else is left alone. */
export function setFactBoolean(value: unknown): boolean | undefined {
  const isText = typeof value === 'string' || value instanceof String
  return isText && ['true', 'false', 'yes', 'no'].includes(String(value).toLowerCase()) ? looseBoolean(value) : undefined
}
