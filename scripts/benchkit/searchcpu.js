/*
 * CPU time of the search worker under Node: the index build and the queries of one language, with
 * Material's own worker and with the site's (search-kit.js around it), the same code the browser runs.
 * CPU time (process.cpuUsage, user + system) barely moves with the machine's load, wall time does; both
 * are reported. Used by benchkit/searchcpu.py (make bench); run by hand as
 *
 *   node scripts/benchkit/searchcpu.js SITE_DIR INDEX_JSON BUILDS REPEATS QUERY...
 *
 * SITE_DIR is the built site (its assets/javascripts/workers/ holds both workers, assets/javascripts/lunr/
 * the lunr languages). Prints one JSON object: {material: RUN, site: RUN}, each RUN
 * {build_cpu_ms: [...], build_wall_ms: [...], query_cpu_ms: {query: [...]}, query_wall_ms: {...},
 * results: {query: pages found}}.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

function worker(file, search) {
  /* A fresh worker global: importScripts reads files relative to the worker's folder, postMessage hands
     the reply to whoever waits for it. */
  const folder = path.dirname(file);
  const listeners = [];
  let reply = null;
  const context = {
    console, URL, URLSearchParams, TextEncoder, TextDecoder, setTimeout, clearTimeout, Promise,
    location: {search, href: "file://" + file + search},
    addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
    postMessage: (data) => { if (reply) reply(data); },
  };
  context.self = context;
  context.importScripts = (...urls) => {
    for (const url of urls) vm.runInContext(fs.readFileSync(path.resolve(folder, url), "utf8"), context, {filename: url});
  };
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(file, "utf8"), context, {filename: file});
  const send = (data) => new Promise((resolve) => {
    reply = resolve;
    for (const fn of listeners) fn({data});
  });
  return send;
}

async function timed(send, message) {
  const cpu = process.cpuUsage(), wall = process.hrtime.bigint();
  const data = await send(message);
  const used = process.cpuUsage(cpu);
  return {data, cpu: (used.user + used.system) / 1000, wall: Number(process.hrtime.bigint() - wall) / 1e6};
}

async function run(file, search, index, builds, repeats, queries) {
  const out = {build_cpu_ms: [], build_wall_ms: [], query_cpu_ms: {}, query_wall_ms: {}, results: {}};
  let send = null;
  for (let i = 0; i < builds; i++) {
    send = worker(file, search);
    const t = await timed(send, {type: 0, data: {...index, options: {suggest: false}}});
    out.build_cpu_ms.push(t.cpu);
    out.build_wall_ms.push(t.wall);
  }
  for (const q of queries) {
    out.query_cpu_ms[q] = [];
    out.query_wall_ms[q] = [];
    for (let i = 0; i < repeats; i++) {
      const t = await timed(send, {type: 2, data: q});
      out.query_cpu_ms[q].push(t.cpu);
      out.query_wall_ms[q].push(t.wall);
      out.results[q] = t.data.data.items.length;
    }
  }
  return out;
}

async function main() {
  const [site, indexFile, builds, repeats, ...queries] = process.argv.slice(2);
  const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
  const workers = path.join(site, "assets", "javascripts", "workers");
  const material = fs.readdirSync(workers).find((n) => /^search\.[0-9a-f]+\.min\.js$/.test(n));
  const out = {
    material: await run(path.join(workers, material), "", index, +builds, +repeats, queries),
    site: await run(path.join(workers, "search-kit.js"), "?material=" + material, index, +builds, +repeats, queries),
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + "\n"); process.exit(1); });
