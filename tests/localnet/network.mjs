// Starts a local AT Protocol network (@atproto/dev-env) for nudgebot's tests.
//
//   node network.mjs            PLC (in memory) + PDS (SQLite): TestNetworkNoAppView
//   node network.mjs --appview  + AppView, bsync, ozone: TestNetwork (PostgreSQL + Redis,
//                               from DB_POSTGRES_URL / DB_POSTGRES_SCHEMA / REDIS_HOST)
//
// When ready it prints one line `LOCALNET_READY {json}` on stdout, then stays up until its
// stdin closes or it gets SIGTERM/SIGINT, and closes the network. Run it with Node >= 22.
import { createRequire } from 'node:module'
import process from 'node:process'
import { TestNetwork, TestNetworkNoAppView } from '@atproto/dev-env'

// node-postgres as the AppView itself resolves it (a dependency of @atproto/bsky).
const pg = createRequire(import.meta.resolve('@atproto/bsky'))('pg')
const schemaPrefixes = ['appview_', 'bsync_', 'ozone_']

async function withPg(url, fn) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

// The AppView's database is created on first use; each run uses schemas of its own.
async function ensureDatabase(url) {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  await withPg(admin.toString(), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`)
      } catch (err) {
        if (err.code !== '42P04') throw err // 42P04: created meanwhile by another run
      }
    }
  })
}

async function dropSchemas(url, schema) {
  await withPg(url, async (client) => {
    for (const prefix of schemaPrefixes) {
      await client.query(`DROP SCHEMA IF EXISTS "${prefix}${schema}" CASCADE`)
    }
  })
}

const appview = process.argv.includes('--appview')
const started = Date.now()

let network
try {
  if (appview) await ensureDatabase(process.env.DB_POSTGRES_URL)
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
  if (appview) {
    try {
      await dropSchemas(process.env.DB_POSTGRES_URL, process.env.DB_POSTGRES_SCHEMA)
    } catch (err) {
      console.error('localnet: could not drop the AppView schemas:', err)
    }
  }
  process.exit(0)
}

process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
process.stdin.on('end', () => shutdown('stdin closed'))
process.stdin.on('error', () => shutdown('stdin error'))
process.stdin.resume()
