// The contract between the inventory loader and a dynamic source (one file per plugin beside this one).

/** What a dynamic source returns: hosts with their vars, and groups by name. */
export interface SourceResult {
  hosts: Record<string, Record<string, unknown>>
  groups: Record<string, { hosts: string[]; children: string[]; vars: Record<string, unknown> }>
}

/**
 * @param file   the YAML file's path as given on the command line (for error messages)
 * @param config the parsed YAML mapping, `plugin` key included
 */
export type InventorySource = (file: string, config: Record<string, unknown>) => Promise<SourceResult>
