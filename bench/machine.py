"""What this machine can do at best in fp32 with the benchmark's thread count: GEMM throughput
(a 2048³ matrix product, libtorch's MKL kernels — the ones svodka links too) and memory bandwidth
(copying 512 MB: read + write). Prints one JSON line."""
import json
import time

import torch

THREADS = 2


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def main():
    torch.set_num_threads(THREADS)
    n = 2048
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    times = []
    for _ in range(7):
        t = time.perf_counter()
        torch.mm(a, b)
        times.append(time.perf_counter() - t)
    gflops = 2 * n ** 3 / median(times) / 1e9
    big = torch.empty(128 * 1024 * 1024)  # 512 MB of float32
    big.fill_(1.0)
    out = torch.empty_like(big)
    times = []
    for _ in range(7):
        t = time.perf_counter()
        out.copy_(big)
        times.append(time.perf_counter() - t)
    bandwidth = 2 * big.numel() * 4 / median(times) / 1e9
    print(json.dumps({"threads": THREADS, "gemm_gflops": gflops, "bandwidth_gbs": bandwidth}))


if __name__ == "__main__":
    main()
