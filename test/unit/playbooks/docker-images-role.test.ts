// roles/docker-images: one image per service directory — the service list in defaults and the
// directories under files/services/ must name the same services, each with a Dockerfile.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import yaml from 'js-yaml'
import { describe, expect, it } from 'vitest'

const role = 'roles/docker-images'
const defaults = yaml.load(readFileSync(`${role}/defaults/main.yml`, 'utf8')) as { docker_images_services: Array<{ name: string }> }
const dirs = readdirSync(`${role}/files/services`).sort()

describe('docker-images role', () => {
  it('lists exactly the service directories', () => {
    expect(defaults.docker_images_services.map((s) => s.name).sort()).toEqual(dirs)
  })

  it.each(dirs)('%s has a Dockerfile that copies only files of its own directory', (dir) => {
    const dockerfile = readFileSync(`${role}/files/services/${dir}/Dockerfile`, 'utf8')
    for (const [, src] of dockerfile.matchAll(/^COPY\s+(\S+)/gm)) expect(existsSync(`${role}/files/services/${dir}/${src}`), `${dir}: COPY ${src}`).toBe(true)
  })
})
