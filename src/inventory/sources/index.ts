// Dynamic inventory sources: a YAML file whose top-level `plugin:` key names one of these is handed to
// it instead of being read as a static inventory (as Ansible's inventory plugin files are). Each entry is
// `(file, config) => Promise<SourceResult>` (types.ts); the sources live beside this file, one per plugin.
// This file holds only the registry.
import { heatSource } from './heat.js'
import { openstackSource } from './openstack.js'
import { terraformSource } from './terraform.js'
import { vagrantSource } from './vagrant.js'
import type { InventorySource } from './types.js'

export const sources: Record<string, InventorySource> = {
  openstack: (file, config) => openstackSource(file, config),
  heat: (file, config) => heatSource(file, config),
  terraform: terraformSource,
  vagrant: vagrantSource,
}
