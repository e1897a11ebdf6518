#!/usr/bin/env python3
"""PyTorch side of `miarepro bench ensemble`: ms per model-step of K LeNet-5s (CIFAR-10 shape, batch 128, Adam lr 1e-3,
each member its own batch) trained three ways, on the same device and thread count as the TorchSharp side:
  loop     - the K models one after another, all threads;
  parallel - (CPU only) the K models split over P processes, one thread each, side by side;
  grouped  - the K models as one module: grouped convolutions, bmm + bias for the dense layers, one Adam over the
             stacked parameters (Adam is elementwise, so this is exactly K independent Adams).
Prints one JSON line. Reference only (Debian's python3-torch); never a runtime dependency of MiaRepro."""
import argparse, json, time, multiprocessing as mp
import torch
import torch.nn as nn
import torch.nn.functional as F
from bench_lenet5 import LeNet5  # the same single model as `bench train` (this script's folder is on sys.path)


class Grouped(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.k = k
        self.c1 = nn.Conv2d(3 * k, 6 * k, 5, groups=k)
        self.c2 = nn.Conv2d(6 * k, 16 * k, 5, groups=k)
        self.w = nn.ParameterList([nn.Parameter(torch.randn(k, i, o) * i ** -0.5) for i, o in ((400, 120), (120, 84), (84, 10))])
        self.b = nn.ParameterList([nn.Parameter(torch.zeros(k, 1, o)) for o in (120, 84, 10)])

    def forward(self, x):  # x [K, B, 3, 32, 32]
        k, b = x.shape[:2]
        h = x.permute(1, 0, 2, 3, 4).reshape(b, k * 3, 32, 32)
        h = F.avg_pool2d(torch.tanh(self.c1(h)), 2)
        h = F.avg_pool2d(torch.tanh(self.c2(h)), 2)
        h = h.reshape(b, k, -1).permute(1, 0, 2)
        for i, (w, bias) in enumerate(zip(self.w, self.b)):
            h = torch.bmm(h, w) + bias
            if i < 2:
                h = torch.tanh(h)
        return h


def sync(dev):
    if dev.type == "cuda":
        torch.cuda.synchronize(dev)


def loop(k, steps, dev):
    models = [LeNet5().to(dev) for _ in range(k)]
    x, y = torch.randn(128, 3, 32, 32, device=dev), torch.randint(0, 10, (128,), device=dev)
    sync(dev)
    t = time.perf_counter()
    for m in models:
        opt = torch.optim.Adam(m.parameters(), lr=1e-3)
        for _ in range(steps):
            opt.zero_grad()
            F.cross_entropy(m(x), y).backward()
            opt.step()
    sync(dev)
    return (time.perf_counter() - t) * 1000 / (k * steps)


def worker(args):
    k, steps = args
    torch.set_num_threads(1)
    t = time.perf_counter()
    loop(k, steps, torch.device("cpu"))
    return time.perf_counter() - t


def parallel(k, steps, processes):
    shares = [k // processes + (1 if i < k % processes else 0) for i in range(processes)]
    with mp.get_context("fork").Pool(processes) as pool:
        pool.map(worker, [(1, 2)] * processes)  # warm each process
        t = time.perf_counter()
        pool.map(worker, [(s, steps) for s in shares if s > 0])
        return (time.perf_counter() - t) * 1000 / (k * steps)


def grouped(k, steps, dev):
    model = Grouped(k).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = torch.randn(k, 128, 3, 32, 32, device=dev), torch.randint(0, 10, (k, 128), device=dev)

    def step():
        opt.zero_grad()
        F.cross_entropy(model(x).reshape(k * 128, 10), y.reshape(-1), reduction="none").view(k, 128).mean(1).sum().backward()
        opt.step()

    for _ in range(3):
        step()
    sync(dev)
    t = time.perf_counter()
    for _ in range(steps):
        step()
    sync(dev)
    return (time.perf_counter() - t) * 1000 / (k * steps)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--ks", default="1,2,8,32,64")
    ap.add_argument("--device", default="cpu")
    a = ap.parse_args()
    dev = torch.device(a.device)
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    loop(1, 10, dev)  # warm up
    rows = []
    for k in map(int, a.ks.split(",")):
        row = {"k": k, "loop": loop(k, a.steps, dev), "grouped": grouped(k, a.steps, dev)}
        if dev.type == "cpu":
            row["parallel"] = parallel(k, a.steps, a.threads)
        rows.append(row)
    print(json.dumps({"torch": torch.__version__, "rows": rows}))


if __name__ == "__main__":
    main()
