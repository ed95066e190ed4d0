// A small disk emulated under one folder, for machines where a real one cannot be mounted (not
// root). Writes past the quota fail the way a full disk fails them: ENOSPC from the file system
// (after writing what fitted, as a real disk does) and SQLITE_FULL from SQLite. Loaded in-process by
// tests (installDiskQuota) or into a server with NODE_OPTIONS=--require (see preload.cjs).
const fs = require("node:fs");
const path = require("node:path");

/** Room a SQLite write is taken to need: a few pages of write-ahead log. */
const SQLITE_WRITE_BYTES = 16 * 1024;
const BLOCK = 4096;

function usage(root) {
  let total = 0;
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
    } catch {
      // removed meanwhile
    }
  }
  return total;
}

function installDiskQuota(dir, quotaBytes) {
  const root = path.resolve(dir);
  const inside = (file) => path.resolve(String(file)).startsWith(root + path.sep);
  const free = () => quotaBytes - usage(root);
  const promises = fs.promises;
  const original = { writeFile: promises.writeFile, statfs: promises.statfs };

  promises.writeFile = async function writeFile(file, data, options) {
    if (inside(file)) {
      const bytes = Buffer.from(data);
      const room = Math.max(0, free());
      if (bytes.length > room) {
        await original.writeFile.call(promises, file, bytes.subarray(0, room), options);
        throw Object.assign(new Error(`ENOSPC: no space left on device, write (injected fault, quota ${quotaBytes} bytes)`), {
          code: "ENOSPC",
          errno: -28,
          syscall: "write",
          path: String(file),
        });
      }
    }
    return original.writeFile.call(promises, file, data, options);
  };

  promises.statfs = async function statfs(target, options) {
    const real = await original.statfs.call(promises, target, options);
    if (!inside(path.join(String(target), "x"))) return real;
    const blocks = Math.max(0, Math.floor(free() / BLOCK));
    return { ...real, bsize: BLOCK, bavail: blocks, bfree: blocks, blocks: Math.floor(quotaBytes / BLOCK) };
  };

  const Database = require("better-sqlite3");
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function prepareWithQuota(sql) {
    const statement = prepare.call(this, sql);
    if (statement.reader || !inside(this.name)) return statement;
    const run = statement.run;
    statement.run = function runWithQuota(...args) {
      if (free() < SQLITE_WRITE_BYTES) throw new Database.SqliteError("database or disk is full (injected fault)", "SQLITE_FULL");
      return run.apply(this, args);
    };
    return statement;
  };

  // A checkpoint copies the log into the database file, which needs room wherever that file grows.
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function pragmaWithQuota(source, options) {
    if (/^\s*wal_checkpoint/i.test(source) && inside(this.name) && free() < SQLITE_WRITE_BYTES) {
      throw new Database.SqliteError("database or disk is full (injected fault)", "SQLITE_FULL");
    }
    return pragma.call(this, source, options);
  };

  return function uninstall() {
    promises.writeFile = original.writeFile;
    promises.statfs = original.statfs;
    Database.prototype.prepare = prepare;
    Database.prototype.pragma = pragma;
  };
}

module.exports = { installDiskQuota };
