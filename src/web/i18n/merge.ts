/** One JSON file per area (i18n/zh-CN/users.json …), merged into one namespace keyed by area. */
export function mergeAreas(files: Record<string, Record<string, unknown>>) {
  const out: Record<string, unknown> = {}
  for (const [file, content] of Object.entries(files)) {
    const area = file.split('/').pop()!.replace('.json', '')
    out[area] = content
  }
  return out
}
