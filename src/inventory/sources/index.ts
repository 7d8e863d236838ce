// Dynamic inventory sources: a YAML file whose top-level `plugin:` key names one of these is handed to
// it instead of being read as a static inventory (as Ansible's inventory plugin files are). Each entry is
// `(file, config) => Promise<SourceResult>`; the sources live beside this file, one per plugin.
import { heatSource } from './heat.js'
import { openstackSource } from './openstack.js'
import { terraformSource } from './terraform.js'
import { vagrantSource } from './vagrant.js'

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

export const sources: Record<string, InventorySource> = {
  openstack: (file, config) => openstackSource(file, config),
  heat: (file, config) => heatSource(file, config),
  terraform: terraformSource,
  vagrant: vagrantSource,
}
