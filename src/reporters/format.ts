// Small text formats every text reporter shares.

/** Ansible's banner: `TITLE ****…` to 80 columns. */
export function banner(title: string, width = 80): string {
  return `${title} ${'*'.repeat(Math.max(3, width - title.length - 1))}`
}

/** A duration as Ansible's profile_tasks prints it: `1.23s`. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`
