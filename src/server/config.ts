import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface Config {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  databaseUrl: string | null
  dataDir: string
  sessionSecret: string
  /** serve the built web app from dist/web */
  serveWeb: boolean
  logLevel: string
  /** whether cookies get the Secure flag: 'auto' sets it behind TLS only */
  secureCookies: boolean | 'auto'
  trustProxy: boolean
  /** scrypt cost (N); lower only in tests */
  scryptCost: number
  /** login attempts per IP per minute */
  loginRateLimit: number
  runJobs: boolean
  /** the address people open the app at: links in e-mails and work-group messages */
  publicUrl: string
  /** where the nightly backup writes (default `<DATA_DIR>/backups`) */
  backupDir: string
  /** how many days of nightly backups are kept */
  backupKeepDays: number
  /** 驾驶舱 views that take longer than this (ms) are served from a snapshot; 0 = always live */
  dashboardCacheAfterMs: number
  /** a 驾驶舱 snapshot older than this (seconds) is recomputed in the background */
  dashboardMaxAgeSeconds: number
}

export class ConfigError extends Error {}

const ENVS = ['development', 'production', 'test'] as const

/** Reads the environment into a typed config; every problem is reported with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = []
  const nodeEnv = (env.NODE_ENV ?? 'development') as Config['env']
  if (!ENVS.includes(nodeEnv))
    problems.push(`NODE_ENV 必须是 ${ENVS.join(' / ')} 之一 (got "${env.NODE_ENV}")`)

  const port = intVar(env, 'PORT', 3000, problems, 0, 65535)
  const loginRateLimit = intVar(env, 'LOGIN_RATE_LIMIT', 20, problems, 1, 100000)
  const scryptCost = intVar(env, 'SCRYPT_COST', 16384, problems, 1024, 1 << 20)
  if ((scryptCost & (scryptCost - 1)) !== 0)
    problems.push('SCRYPT_COST 必须是 2 的幂 (must be a power of two)')

  const databaseUrl = env.DATABASE_URL?.trim() || null
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头 (must be a PostgreSQL URL)')
  }
  const dataDir = path.resolve(env.DATA_DIR?.trim() || 'data')
  const backupDir = path.resolve(env.BACKUP_DIR?.trim() || path.join(dataDir, 'backups'))
  const backupKeepDays = intVar(env, 'BACKUP_KEEP_DAYS', 14, problems, 1, 3650)
  // tests read the cockpit right after writing: live unless a test asks for snapshots
  const dashboardCacheAfterMs = intVar(
    env,
    'DASHBOARD_CACHE_AFTER_MS',
    nodeEnv === 'test' ? 0 : 150,
    problems,
    0,
    3_600_000,
  )
  const dashboardMaxAgeSeconds = intVar(env, 'DASHBOARD_MAX_AGE_SECONDS', 60, problems, 1, 86_400)

  let sessionSecret = env.SESSION_SECRET?.trim() ?? ''
  if (sessionSecret && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET 至少 32 个字符 (must be at least 32 characters)')
  }
  if (!sessionSecret && nodeEnv === 'production') {
    problems.push('生产环境必须设置 SESSION_SECRET (SESSION_SECRET is required when NODE_ENV=production)')
  }
  const publicUrl = (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/]+/.test(publicUrl))
    problems.push(
      'PUBLIC_URL 必须是 http(s) 地址，如 https://qingdan.example.gov.cn (must be an http(s) URL)',
    )
  if (problems.length)
    throw new ConfigError(`配置错误 (configuration errors):\n  - ${problems.join('\n  - ')}`)
  if (!sessionSecret) sessionSecret = demoSessionSecret(dataDir)

  const secure = env.SECURE_COOKIES?.trim()
  return {
    env: nodeEnv,
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir,
    sessionSecret,
    serveWeb: env.SERVE_WEB !== '0',
    logLevel: env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info'),
    secureCookies: secure === 'true' ? true : secure === 'false' ? false : 'auto',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    scryptCost,
    loginRateLimit,
    runJobs: env.RUN_JOBS !== '0',
    publicUrl,
    backupDir,
    backupKeepDays,
    dashboardCacheAfterMs,
    dashboardMaxAgeSeconds,
  }
}

function intVar(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  problems: string[],
  min: number,
  max: number,
) {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} 必须是 ${min}–${max} 之间的整数 (got "${raw}")`)
    return fallback
  }
  return n
}

/** Outside production a secret is generated once and kept in the data dir, so sessions survive restarts. */
function demoSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
