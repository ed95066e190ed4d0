// Preloaded into a server process (NODE_OPTIONS=--require …/preload.cjs) to give its DATA_DIR a
// quota, when no real small disk can be mounted. See storage-fault.cjs.
const { installDiskQuota } = require("./storage-fault.cjs");

const dir = process.env.KONTEXT_TEST_DISK_DIR;
const bytes = Number(process.env.KONTEXT_TEST_DISK_BYTES);
if (dir && bytes > 0) installDiskQuota(dir, bytes);
