// Web bundle benchmark: builds the web app into a scratch directory and reports, in gzip bytes,
//  - the first load: the JavaScript index.html loads before anything shows (the sign-in page),
//  - the signed-in home page: that plus the shell (menu, header), the home page and every area's texts,
//    which the app starts fetching as soon as it starts when the visitor is signed in,
//  - the largest page chunks.
// Target (issue 8): first load < 300 KB gzip.
//
//   node bench/web-bundle.ts [--no-append]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { report } from './report.ts'

const APPEND = !process.argv.includes('--no-append')
const ROOT = path.resolve(import.meta.dirname, '..')
const TARGET_KB = 300

interface ManifestChunk {
  file: string
  imports?: string[]
  dynamicImports?: string[]
  isEntry?: boolean
  css?: string[]
}

const out = mkdtempSync(path.join(os.tmpdir(), 'qd-bench-web-'))
try {
  const build = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--manifest',
      '--outDir',
      out,
    ],
    { cwd: ROOT, stdio: 'inherit' },
  )
  if (build.status !== 0) throw new Error('vite build failed')
  const manifest = JSON.parse(readFileSync(path.join(out, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >
  const gz = new Map<string, number>()
  const size = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(out, file))).length)
    return gz.get(file)!
  }
  /** The chunks `keys` load before they run: themselves and their static imports, recursively. */
  const closure = (keys: string[], seen = new Set<string>()) => {
    for (const k of keys) {
      if (seen.has(k)) continue
      seen.add(k)
      closure(manifest[k]?.imports ?? [], seen)
    }
    return seen
  }
  const kb = (keys: Set<string>) => [...keys].reduce((sum, k) => sum + size(manifest[k]!.file), 0) / 1024
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!
  const key = (source: string) => {
    const k = Object.keys(manifest).find((m) => m.endsWith(source))
    if (!k) throw new Error(`${source} is not a chunk of the build`)
    return k
  }
  const first = closure([entry])
  const home = closure(
    [entry, key('components/AppLayout.tsx'), key('pages/home/HomePage.tsx'), key('i18n/zh-rest.ts')],
    new Set(),
  )
  const pages = Object.keys(manifest)
    .filter((k) => k.includes('pages/') && !k.includes('home/'))
    .map((k) => ({ k, extra: [...closure([k])].filter((c) => !home.has(c)) }))
    .map(({ k, extra }) => ({ page: k.replace(/^.*pages\//, ''), kb: kb(new Set(extra)) }))
    .sort((a, b) => b.kb - a.kb)
    .slice(0, 5)
  const firstKb = kb(first)
  const body = [
    '| 加载 | 文件数 | gzip | 目标 |',
    '| --- | ---: | ---: | --- |',
    `| 首次加载（登录页，index.html 引入的 JS） | ${first.size} | ${firstKb.toFixed(1)} KB | < ${TARGET_KB} KB ${firstKb < TARGET_KB ? '✓' : '✗'} |`,
    `| 已登录首页（另加外壳、首页与全部中文文案） | ${home.size} | ${kb(home).toFixed(1)} KB | — |`,
    ...pages.map((p) => `| 页面 ${p.page}（在已登录首页之外） | — | ${p.kb.toFixed(1)} KB | — |`),
  ].join('\n')
  report('前端包体积 Web bundle (gzip)', body, APPEND)
  if (firstKb >= TARGET_KB) process.exitCode = 1
} finally {
  rmSync(out, { recursive: true, force: true })
}
