// apt: Debian packages by name (present/absent/latest, name=version) or from a local .deb (`deb:`).
import { ensureApt, type AptArgs } from './lib/apt-core.js'
import { defineModule } from './types.js'

export const aptProps = {
  name: { type: 'array', items: { type: 'string' }, aliases: ['pkg', 'package'] },
  state: { enum: ['present', 'installed', 'absent', 'removed', 'latest'], default: 'present' },
} as const

export const apt = defineModule<AptArgs>({
  name: 'apt',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...aptProps,
      deb: { type: 'string' },
      update_cache: { type: 'boolean', default: false, aliases: ['update-cache'] },
      cache_valid_time: { type: 'integer' },
      purge: { type: 'boolean', default: false },
      install_recommends: { type: 'boolean', aliases: ['install-recommends'] },
      force: { type: 'boolean', default: false },
      autoremove: { type: 'boolean', default: false },
      default_release: { type: 'string', aliases: ['default-release'], pattern: '^[A-Za-z0-9._/+-]+$' },
      allow_unauthenticated: { type: 'boolean' },
      dpkg_options: { type: 'string' },
    },
  },
  run: (ctx, a) => ensureApt(ctx, a, 'apt'),
})
