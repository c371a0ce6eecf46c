import type { DefinitionOf } from "./definition";
import type { AdaptiveController, Decision } from "./events";

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

/**
 * AutoDecay (appendix A.1 of the paper), exactly the spec's formulas. It is fed every step's loss
 * and observes every `observeEvery` steps, the mean of the losses since its last observation; k
 * counts observations, and the rate changes only right after one.
 */
export function createAutoDecay(d: DefinitionOf<"autoDecay">): AdaptiveController {
  let pendingSum = 0;
  let pendingSteps = 0;
  const observer = createObserver(d);
  return {
    lr: observer.lr,
    observe(loss: number): Decision {
      pendingSum += loss;
      pendingSteps += 1;
      if (pendingSteps < d.observeEvery) return { type: "none" };
      const mean = pendingSum / pendingSteps;
      pendingSum = 0;
      pendingSteps = 0;
      return observer.observe(mean);
    },
  };
}

/** The paper's rule applied to one observation at a time. */
function createObserver(d: DefinitionOf<"autoDecay">): AdaptiveController {
  let lr = d.lr;
  let k = 0;
  let f = 0;
  let gStart = 0;
  let window: number[] = []; // the last W bias-corrected EDMA values of this stage

  return {
    lr: () => lr,
    observe(loss: number): Decision {
      k += 1;
      f = d.beta * f + (1 - d.beta) * loss;
      const g = f / (1 - Math.pow(d.beta, k));
      if (k === 1) gStart = g;
      window.push(g);
      if (window.length > d.window) window.shift();
      if (k < d.window) return { type: "none" };
      const lo = Math.min(...window);
      const hi = Math.max(...window);
      if (!((hi - lo) / (lo + d.epsilon) < d.tolerance)) return { type: "none" };
      const progress = (g + d.epsilon) / (gStart + d.epsilon);
      const where = `EDMA stable over ${d.window} observations, ${fmt(progress)}x of stage start`;
      if (progress <= d.drop) {
        lr *= d.factor;
        k = 0;
        f = 0;
        window = [];
        return { type: "decay", lr, reason: where };
      }
      return { type: "terminate", reason: `${where} (above drop ${fmt(d.drop)}): training stopped` };
    },
  };
}
