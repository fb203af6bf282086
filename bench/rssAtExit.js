// Preloaded (`node -r`) into each process `bench/cli.ts` times: at exit, writes the peak RSS (all
// threads), the process CPU time (all threads) and the main thread's V8 heap size to the file named by ECS_BENCH_RSS_FILE.
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
process.on('exit', () => {
  const file = process.env.ECS_BENCH_RSS_FILE;
  if (!file) return;
  const heap = v8.getHeapStatistics();
  const cpu = process.cpuUsage();
  fs.writeFileSync(
    file,
    JSON.stringify({
      maxRssKb: process.resourceUsage().maxRSS,
      heapTotalBytes: heap.total_heap_size,
      cpuMs: (cpu.user + cpu.system) / 1000,
    }),
  );
});
