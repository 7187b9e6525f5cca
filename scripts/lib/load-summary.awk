# One line against the goals of the load benchmark (scripts/bench load), from its results file:
#   awk -v before="LOAD AVERAGE" -f scripts/lib/load-summary.awk results/bench/load.txt
# A goal whose measurement is missing from the file (a set-up that did not run, a rate not
# offered) reads "NOT met": nothing is claimed that was not measured.
function field(name) {
  return match($0, name "=[0-9.]+") ? substr($0, RSTART + length(name) + 1, RLENGTH - length(name) - 1) + 0 : -1
}
function verdict(ok) { return ok ? "met" : "NOT met" }
/rate=/ {
  measured++
  mode = ($0 ~ /^load embedded/) ? "embedded" : "redis"
  achieved = field("achieved"); rate = field("rate")
  if (achieved > best[mode]) { best[mode] = achieved; at[mode] = rate }
  if (rate == 2000) { p99[mode] = field("p99"); at2000[mode] = 1 }
  errors += field("errors")
  if (field("rss-peak") > peak) peak = field("rss-peak")
}
END {
  printf "load summary: embedded %.0f/s at %d/s offered (goal 20,000/s: %s), Redis %.0f/s at %d/s offered (goal 5,000/s: %s), ", \
    best["embedded"], at["embedded"], verdict(best["embedded"] >= 20000), best["redis"], at["redis"], verdict(best["redis"] >= 5000)
  printf "p99 at 2,000/s %.2f ms embedded and %.2f ms Redis (goal 10 ms: %s), %d errors (goal 0: %s), ", \
    p99["embedded"], p99["redis"], \
    verdict(at2000["embedded"] && at2000["redis"] && p99["embedded"] >= 0 && p99["embedded"] <= 10 && p99["redis"] >= 0 && p99["redis"] <= 10), \
    errors, verdict(measured > 0 && errors == 0)
  printf "server peak RSS %d MiB (goal 512 MiB: %s); load average before %s\n", peak, verdict(peak > 0 && peak <= 512), before
}
