#!/usr/bin/env python3
"""Runs every PyTorch export snippet written by export-cases.ts and checks that the optimizer's
rate (and momentum) at each step equals the TypeScript engine's, to relative 1e-6."""
import json
import sys
import warnings

warnings.filterwarnings("ignore")


def main():
    cases = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "/tmp/lrbench-export-cases.json"))
    failed = 0
    for n, c in enumerate(cases):
        scope = {}
        try:
            exec(c["snippet"], scope)
            optimizer, scheduler = scope["optimizer"], scope["scheduler"]
            for t, want in enumerate(c["lr"]):
                group = optimizer.param_groups[0]
                if abs(group["lr"] - want) > max(1e-12, 1e-6 * abs(want)):
                    raise AssertionError(f"step {t}: torch {group['lr']} engine {want}")
                if c.get("momentum") and abs(group["momentum"] - c["momentum"][t]) > 1e-9:
                    raise AssertionError(f"step {t}: momentum {group['momentum']} engine {c['momentum'][t]}")
                optimizer.step()
                if t == len(c["lr"]) - 1:
                    break
                if c["kind"] in ("plateau", "autoDecay"):
                    scheduler.step(c["observations"][t])
                else:
                    scheduler.step()
        except Exception as e:  # report every failing case, not just the first
            failed += 1
            print(f"FAIL case {n} ({c['kind']}): {e!r}"[:400])
    print(f"{len(cases)} snippets checked, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
