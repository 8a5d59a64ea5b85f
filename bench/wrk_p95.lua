-- wrk reports 50/75/90/99 % latencies; the issue's targets are p95.
-- Loaded with `wrk -s bench/wrk_p95.lua`; prints "p95_us <microseconds>" at the end.
done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\n", latency:percentile(95)))
end
