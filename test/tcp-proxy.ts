import net from 'node:net'

/**
 * A TCP proxy in front of a database server that a test can cut (every open connection destroyed,
 * new ones refused) and restore — an outage of PostgreSQL without stopping the real server.
 */
export interface TcpProxy {
  port: number
  /** destroys every open connection; new ones are refused (reset) until restore() */
  cut(): Promise<void>
  /** lets connections through again */
  restore(): Promise<void>
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>()
  let down = false
  // The port stays bound while the proxy is down (a closed port could be taken by some outgoing
  // connection in the meantime); a new connection is reset at once, which the client sees as refused.
  const server = net.createServer((client) => {
    if (down) {
      client.on('error', () => {})
      client.resetAndDestroy()
      return
    }
    const upstream = net.connect(target.port, target.host)
    sockets.add(client)
    sockets.add(upstream)
    const end = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))
  })
  const dropAll = () => {
    for (const s of sockets) s.destroy()
    sockets.clear()
  }
  return {
    port,
    async cut() {
      down = true
      dropAll()
    },
    async restore() {
      down = false
    },
    close: () =>
      new Promise<void>((resolve) => {
        down = true
        dropAll()
        server.close(() => resolve())
      }),
  }
}
