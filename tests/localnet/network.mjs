// Starts a local AT Protocol network (@atproto/dev-env) for nudgebot's tests.
//
//   node network.mjs            PLC (in memory) + PDS (SQLite): TestNetworkNoAppView
//   node network.mjs --appview  + AppView, bsync, ozone: TestNetwork (PostgreSQL + Redis,
//                               from DB_POSTGRES_URL / DB_POSTGRES_SCHEMA / REDIS_HOST)
//
// When ready it prints one line `LOCALNET_READY {json}` on stdout, then stays up until its
// stdin closes or it gets SIGTERM/SIGINT, and closes the network. Run it with Node >= 22.
import process from 'node:process'
import { TestNetwork, TestNetworkNoAppView } from '@atproto/dev-env'

const appview = process.argv.includes('--appview')
const started = Date.now()

let network
try {
  network = appview
    ? await TestNetwork.create({
        dbPostgresUrl: process.env.DB_POSTGRES_URL,
        dbPostgresSchema: process.env.DB_POSTGRES_SCHEMA,
      })
    : await TestNetworkNoAppView.create({})
} catch (err) {
  console.error('localnet: failed to start:', err)
  process.exit(1)
}

const info = {
  appview,
  plcUrl: network.plc.url,
  pdsUrl: network.pds.url,
  pdsPort: network.pds.port,
  pdsDid: network.pds.ctx.cfg.service.did,
  bskyUrl: appview ? network.bsky.url : null,
  bskyDid: appview ? network.bsky.serverDid : null,
  startMs: Date.now() - started,
  pid: process.pid,
}
process.stdout.write(`LOCALNET_READY ${JSON.stringify(info)}\n`)

let closing = false
async function shutdown(why) {
  if (closing) return
  closing = true
  console.error(`localnet: shutting down (${why})`)
  // Never hang on close: the harness kills the process group after its own timeout anyway.
  setTimeout(() => process.exit(0), 10_000).unref()
  try {
    await network.close()
  } catch (err) {
    console.error('localnet: error while closing:', err)
  }
  process.exit(0)
}

process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
process.stdin.on('end', () => shutdown('stdin closed'))
process.stdin.on('error', () => shutdown('stdin error'))
process.stdin.resume()
