"""The run loop and report line shared by hf.py and ct2.py, in the format `svodka bench
--workload` prints and run.py reads: one JSON line per run (run 0 is the warm-up and ends the
cold start), then a summary line."""
import json
import resource
import time


def run_and_report(job, runs, system, workload, load_ms, threads):
    times, tokens = [], 0
    for i in range(int(runs) + 1):
        t = time.perf_counter()
        tokens = int(job())
        ms = (time.perf_counter() - t) * 1000
        print(json.dumps({"run": i, "ms": ms, "tokens": tokens}), flush=True)
        if i > 0:
            times.append(ms)
    times.sort()
    print(json.dumps({
        "system": system, "workload": workload, "load_ms": load_ms,
        "median_ms": times[len(times) // 2] if times else None, "runs_ms": times,
        "generated_tokens": tokens, "threads": threads,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }), flush=True)
