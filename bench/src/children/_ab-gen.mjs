const v = process.argv[2];
const { generate } = await import(`../../../generator/${v}/index.js`);
const t0 = performance.now();
const r = generate({ rootDir: '/dev/shm/g1000', cacheDir: false });
const ph = Object.fromEntries(r.timings.map(t => [t.phase, Math.round(t.ms)]));
const u = process.resourceUsage();
console.log(v, r.kind, Math.round(performance.now() - t0), 'cpu', Math.round((u.userCPUTime + u.systemCPUTime) / 1000), 'load', ph['load + validate + model'], 'docs', ph['emit docs'], 'clients', ph['emit clients'], 'bind', ph['emit bindings'], 'write', ph['write'], 'rss', Math.round(u.maxRSS / 1024));
