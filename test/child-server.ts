import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

const MAIN = path.resolve(import.meta.dirname, '../src/server/main.ts')

/** The real server (`node src/server/main.ts`) as a child process, for crash and lock tests. */
export interface ChildServer {
  proc: ChildProcess
  pid: number
  url: string
  output(): string
  /** resolves with the exit code (or the signal's name) */
  exited: Promise<number | string>
}

export function serverEnv(db: { dataDir: string; databaseUrl?: string }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    SESSION_SECRET: 'crash-test-secret-crash-test-secret-0001',
    RUN_JOBS: '0',
    SERVE_WEB: '0',
    LOGIN_RATE_LIMIT: '10000',
  }
}

/** Spawns the server and waits until it listens (its start line names the bound port) or exits. */
export function spawnServer(env: NodeJS.ProcessEnv, timeoutMs = 45_000): Promise<ChildServer> {
  const proc = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const exited = new Promise<number | string>((resolve) =>
    proc.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /已启动 \(started\): (http:\/\/localhost:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({
          proc,
          pid: proc.pid!,
          url: m[1].replace('localhost', '127.0.0.1'),
          output: () => out,
          exited,
        })
      }
    }
    proc.stdout.on('data', onData)
    proc.stderr.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(Object.assign(new Error(`server exited with ${code}:\n${out}`), { code, output: out }))
    })
  })
}

/** Runs the server to its exit (a start that must fail), returning its exit code and output. */
export async function runServerToExit(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | string; output: string }> {
  try {
    const s = await spawnServer(env)
    s.proc.kill('SIGKILL')
    return { code: await s.exited, output: s.output() }
  } catch (err) {
    const e = err as { code?: number | string; output?: string }
    if (e.code === undefined) throw err
    return { code: e.code, output: e.output ?? '' }
  }
}

/** A tiny HTTP client over real sockets that keeps the session cookie and the CSRF token. */
export class HttpClient {
  cookie = ''
  csrf = ''
  readonly base: string
  constructor(base: string) {
    this.base = base
  }

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(this.base + url, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
    const setCookies = res.headers.getSetCookie()
    if (setCookies.length) {
      const jar = new Map(
        this.cookie
          .split('; ')
          .filter(Boolean)
          .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as [string, string]),
      )
      for (const c of setCookies) {
        const [pair] = c.split(';')
        const i = pair.indexOf('=')
        jar.set(pair.slice(0, i), pair.slice(i + 1))
      }
      this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    }
    const text = await res.text()
    return { status: res.status, json: text ? JSON.parse(text) : null }
  }

  async login(username: string, password: string) {
    const csrf = await this.request('GET', '/api/auth/csrf')
    this.csrf = csrf.json.token
    const res = await this.request('POST', '/api/auth/login', { username, password })
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.json)}`)
    this.csrf = res.json.csrfToken
  }
}

/** A small seeded PRNG (mulberry32), so a random kill moment can be logged and replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
