import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'

export interface PidLock {
  release(): void
}

export class DataDirLockedError extends Error {}

/**
 * PGlite is single-process: two servers on one data dir would corrupt it. The lock file holds the
 * owner's PID; a lock whose process is gone (crash, kill -9) is stale and taken over.
 */
export function acquirePidLock(file: string): PidLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      let released = false
      return {
        release() {
          if (released) return
          released = true
          try {
            if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file)
          } catch {
            // already gone
          }
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10)
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `数据目录已被进程 ${owner} 占用：嵌入式数据库只允许一个进程访问。请先停止该进程，或用 DATA_DIR 指定其他目录。\n` +
            `(the data directory is in use by process ${owner}; the embedded database allows one process only)`,
        )
      }
      unlinkSync(file)
    }
  }
  throw new DataDirLockedError(`无法获取数据目录锁 ${file}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
