// Debian's chromium, headless, for tests of HTML output: the DOM after the page's scripts ran, and a
// screenshot. A fresh profile per call, and the flags that keep it off the network (only file:// pages).
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const CHROMIUM = '/usr/bin/chromium'

/** Where tests save what a person would look at (git-ignored); TSPLAY_ARTIFACTS overrides. */
export function artifactsDir(): string {
  const dir = process.env.TSPLAY_ARTIFACTS || fileURLToPath(new URL('../../artifacts/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  return dir
}

function chromium(args: string[]): Promise<string> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`)
  const profile = mkdtempSync(join(tmpdir(), 'tsplay-chromium-'))
  const flags = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-extensions', '--mute-audio', `--user-data-dir=${profile}`,
  ]
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, [...flags, ...args], { maxBuffer: 256 * 1024 * 1024, timeout: 90_000 }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true })
      if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`))
      else resolve(stdout)
    })
  })
}

/** The page's DOM once its scripts ran (`--dump-dom`). */
export function renderedDom(file: string, windowSize = '1400,1000'): Promise<string> {
  return chromium([`--window-size=${windowSize}`, '--virtual-time-budget=5000', '--dump-dom', `file://${file}`])
}

/** A PNG of the page, `size` = width,height. */
export async function screenshot(file: string, png: string, size = '1400,1800'): Promise<void> {
  await chromium([`--window-size=${size}`, '--hide-scrollbars', `--screenshot=${png}`, `file://${file}`])
  if (!existsSync(png)) throw new Error(`chromium wrote no screenshot to ${png}`)
}

/** The text content of the element with this id in a dumped DOM (tags stripped, entities decoded). */
export function textOf(dom: string, id: string): string {
  const start = dom.search(new RegExp(`<(\\w+)[^>]*\\bid="${id}"`))
  if (start < 0) throw new Error(`no element #${id} in the page`)
  const tag = /^<(\w+)/.exec(dom.slice(start))![1]
  let depth = 0
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g')
  re.lastIndex = start
  let end = dom.length
  for (let m = re.exec(dom); m; m = re.exec(dom)) {
    depth += m[1] ? -1 : 1
    if (depth === 0) {
      end = m.index
      break
    }
  }
  return decode(dom.slice(start, end).replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim()
}

/** The numbers the summary cards show, by their data-count key. */
export function cardCounts(dom: string): Record<string, string> {
  return Object.fromEntries([...dom.matchAll(/data-count="(\w+)"><b>([^<]*)<\/b>/g)].map((m) => [m[1], m[2]]))
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
}
