// The reference app: proves an instance reaches its shared files and its database (the HTTP contract is in the
// package README). Node.js built-ins only; it listens on localhost behind the web server's reverse proxy.
import * as http from "node:http";
import { checkHost, READER_SQL, SecretCache, writerSql, type HostCheck } from "./database";
import { fetchIdentity, type Identity } from "./identity";
import { fileLogger, type Logger } from "./log";
import { readSettings, type Settings } from "./settings";
import { checkDir, SHARED_DIRS, type DirCheck } from "./shared-files";

const UNKNOWN: Identity = { instanceId: "unknown", availabilityZone: "unknown" };

export function createApp(settings: Settings, log: Logger): http.Server {
  const secrets = settings.database ? new SecretCache(settings.database) : undefined;
  let identity: Identity = UNKNOWN;
  const identified = fetchIdentity(settings.imdsUrl).then(
    (found) => {
      identity = found;
    },
    (error: Error) => log("ERROR", `instance identity unavailable: ${error.message}`),
  );

  const sharedFiles = async (): Promise<Record<string, DirCheck>> => {
    const root = settings.efsRoot;
    if (root === undefined) return {};
    const checks = await Promise.all(
      SHARED_DIRS.map((dir) => checkDir(root, dir, settings.mountsFile, identity.instanceId)),
    );
    return Object.fromEntries(SHARED_DIRS.map((dir, i) => [dir, checks[i]!]));
  };

  const database = async () => {
    const db = settings.database;
    if (!db || !secrets) return null;
    // Write first, so the replicas have something to read.
    const writer = await checkHost(
      db,
      secrets,
      db.writerHost,
      writerSql(identity.instanceId === "unknown" ? "unknown" : identity.instanceId),
    );
    const readers = await Promise.all(db.readerHosts.map((host) => checkHost(db, secrets, host, READER_SQL)));
    return { writer, readers };
  };

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json",
      "Cache-Control": "no-store",
    });
    res.end(text);
  };

  const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>> = {
    "/": async (req, res) => {
      const cookie = req.headers.cookie ?? "";
      send(res, 200, { ...identity, lbCookie: /(^|;)\s*AWSALB=/.test(cookie) });
    },
    "/healthz": async (_req, res) => {
      // Local checks only: a database outage must not make the load balancer cycle the whole fleet.
      const files = Object.entries(await sharedFiles()).filter(([, check]) => !check.mounted);
      if (files.length === 0) send(res, 200, "ok");
      else send(res, 503, `unhealthy: shared files not mounted (${files.map(([dir]) => dir).join(", ")})`);
    },
    "/status": async (_req, res) => {
      const [efs, db] = await Promise.all([sharedFiles(), database()]);
      const failures = [
        ...Object.entries(efs)
          .filter(([, c]) => !c.mounted || !c.writable)
          .map(([dir, c]) => `shared files ${dir}: ${c.error ?? "not writable"}`),
        ...(db ? [db.writer, ...db.readers] : [])
          .filter((c: HostCheck) => !c.ok)
          .map((c: HostCheck) => `database ${c.host}: ${c.error}`),
      ];
      for (const failure of failures) log("ERROR", `status check failed: ${failure}`);
      send(res, failures.length === 0 ? 200 : 503, {
        ok: failures.length === 0,
        instanceId: identity.instanceId,
        efs,
        database: db,
      });
    },
  };
  routes[settings.healthPath] ??= routes["/healthz"]!;

  return http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const route = req.method === "GET" || req.method === "HEAD" ? routes[path] : undefined;
    if (!route) return send(res, 404, { error: "not found" });
    identified
      .then(() => route(req, res))
      .catch((error: Error) => {
        log("ERROR", `${path}: ${error.message}`);
        if (!res.headersSent) send(res, 500, { error: "internal error" });
      });
  });
}

/** Entry point (`node server.js`): settings from the environment, log to the app log, stop cleanly on SIGTERM. */
export function main(): void {
  const settings = readSettings(process.env);
  const log = fileLogger(settings.logPath);
  const server = createApp(settings, log);
  server.listen(settings.port, settings.listenHost, () =>
    log(
      "INFO",
      `listening on ${settings.listenHost}:${settings.port}; database ${settings.database ? "configured" : "not configured"}; shared files ${settings.efsRoot ?? "none"}`,
    ),
  );
  process.on("SIGTERM", () => {
    log("INFO", "stopping");
    server.close(() => process.exit(0));
  });
}

if (require.main === module) main();
