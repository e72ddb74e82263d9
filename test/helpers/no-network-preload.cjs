'use strict';
// Loaded with `node --require` by test/robustness/no-network.test.ts: every way Node offers to
// reach the network is replaced by a function that records the attempt and throws, so a run that
// succeeds while the record stays empty proves the product never tried. Attempts go to the file
// named by HDL_NETWORK_LOG (one JSON line each) because the process under test owns stdout.

const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const logFile = process.env.HDL_NETWORK_LOG;

function record(api, args) {
  const target = args
    .slice(0, 2)
    .map((arg) => {
      if (typeof arg === 'string') return arg;
      if (arg instanceof URL) return arg.href;
      if (arg && typeof arg === 'object') {
        const { host, hostname, port, path, href } = arg;
        return JSON.stringify({ host, hostname, port, path, href });
      }
      return String(arg);
    })
    .join(' ');
  const line = `${JSON.stringify({ api, target, thread: isMainThread ? 'main' : 'worker' })}\n`;
  if (logFile) fs.appendFileSync(logFile, line);
  else process.stderr.write(`no-network-preload: ${line}`);
}

function blocked(api) {
  return function blockedNetworkCall(...args) {
    record(api, args);
    throw new Error(`network access attempted through ${api} (blocked by the no-network test)`);
  };
}

function block(moduleName, names) {
  const mod = require(moduleName);
  for (const name of names) {
    if (typeof mod[name] !== 'function') continue;
    Object.defineProperty(mod, name, {
      value: blocked(`${moduleName}.${name}`),
      writable: true,
      configurable: true,
    });
  }
  return mod;
}

block('node:net', ['connect', 'createConnection']);
// `new net.Socket().connect()` reaches the network without net.connect.
const net = require('node:net');
net.Socket.prototype.connect = blocked('net.Socket.prototype.connect');
block('node:tls', ['connect']);
block('node:http', ['request', 'get']);
block('node:https', ['request', 'get']);
block('node:http2', ['connect']);
block('node:dns', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']);
block('node:dgram', ['createSocket']);
const dnsPromises = require('node:dns').promises;
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dnsPromises[name] = blocked(`dns.promises.${name}`);
}

// fetch, WebSocket and EventSource are undici underneath; globalThis.fetch is the public door.
for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (name in globalThis) {
    Object.defineProperty(globalThis, name, {
      value: blocked(`globalThis.${name}`),
      writable: true,
      configurable: true,
    });
  }
}
try {
  block('undici', ['fetch', 'request', 'stream', 'connect', 'pipeline']);
} catch {
  // undici is not installed as a package: Node's internal copy is reached only through fetch.
}

// Worker threads (the CLI's --concurrency) do not inherit --require; they get it through execArgv.
const { Worker } = require('node:worker_threads');
const preload = __filename;
const workerThreads = require('node:worker_threads');
workerThreads.Worker = class PreloadedWorker extends Worker {
  constructor(script, options = {}) {
    const execArgv = [...(options.execArgv ?? process.execArgv)];
    if (!execArgv.includes(preload)) execArgv.push('--require', preload);
    super(script, { ...options, execArgv });
  }
};
