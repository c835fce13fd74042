import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely, Transaction } from 'kysely'

/**
 * Makes a Kysely handle transaction-aware: inside `db.transaction().execute(fn)`, every query made
 * through the same `db` handle (a repository called with `db` instead of `trx`, a helper deep in a
 * service) runs in that transaction. Without this, such a query deadlocks PGlite (one connection,
 * held by the transaction) and on PostgreSQL reads around the transaction's own uncommitted writes.
 * A nested `transaction()` joins the open one.
 */
export function transactionAware<DB>(root: Kysely<DB>): Kysely<DB> {
  const current = new AsyncLocalStorage<Transaction<DB>>()
  return new Proxy(root, {
    get(target, prop) {
      const trx = current.getStore()
      if (prop === 'transaction') {
        return () => {
          if (trx) return joinOpen(trx)
          const builder = target.transaction()
          return wrapBuilder(builder, current)
        }
      }
      if (prop === 'isTransaction') return !!trx
      const source = (trx ?? target) as object
      // The real object as receiver: Kysely's getters read private fields.
      const value = Reflect.get(source, prop, source)
      return typeof value === 'function' ? value.bind(source) : value
    },
  })
}

function joinOpen<DB>(trx: Transaction<DB>) {
  const joined = {
    setIsolationLevel: () => joined,
    setAccessMode: () => joined,
    execute: <T>(fn: (t: Transaction<DB>) => Promise<T>) => fn(trx),
  }
  return joined
}

type Builder<DB> = ReturnType<Kysely<DB>['transaction']>

function wrapBuilder<DB>(builder: Builder<DB>, current: AsyncLocalStorage<Transaction<DB>>): Builder<DB> {
  return new Proxy(builder, {
    get(target, prop) {
      if (prop === 'execute') {
        return <T>(fn: (t: Transaction<DB>) => Promise<T>) =>
          target.execute((trx) => current.run(trx, () => fn(trx)))
      }
      const value = Reflect.get(target, prop, target)
      if (typeof value !== 'function') return value
      // setIsolationLevel() and friends return a new builder: keep wrapping it.
      return (...args: unknown[]) => {
        const next = value.apply(target, args)
        return next && typeof next === 'object' && 'execute' in next
          ? wrapBuilder(next as Builder<DB>, current)
          : next
      }
    },
  })
}
