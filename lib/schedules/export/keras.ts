import type { ResolvedDefinition } from "../definition";
import { pyHeader } from "./header";
import { PY_AUTODECAY_CLASS, PY_PLATEAU_CLASS, pyAutoDecayArgs, pyPlateauArgs } from "./py-adaptive";
import { pyPrelude, pyScheduleFunction } from "./py-function";
import { pyFloat as f } from "./py-repr";

// Keras' built-in schedules count optimizer iterations and most differ from the spec past their
// horizon (CosineDecay stops at decay_steps, its ReduceLROnPlateau counts patience differently),
// so every kind is exported as the spec's exact formula driven by a callback.

const PER_ITERATION = `class PerIterationSchedule(keras.callbacks.Callback):
    """Sets the rate before every training batch from lr_at(global iteration)."""

    def __init__(self):
        super().__init__()
        self.iteration = 0

    def on_train_batch_begin(self, batch, logs=None):
        self.model.optimizer.learning_rate.assign(lr_at(self.iteration))

    def on_train_batch_end(self, batch, logs=None):
        self.iteration += 1`;

function staticSnippet(def: Exclude<ResolvedDefinition, { kind: "plateau" | "autoDecay" }>): string[] {
  const momentum =
    (def.kind === "cyclic" || def.kind === "oneCycle") && def.cycleMomentum
      ? [
          pyScheduleFunction(def, "momentum_at", "math", "momentum"),
          "# Keras compiles SGD's momentum into the train step, so it cannot follow momentum_at(t)\n# during fit(); it is given for optimizers or loops that can.",
        ]
      : [];
  const start = def.kind === "cyclic" ? def.baseLr : 0.0;
  const usage =
    def.unit === "epoch"
      ? [
          "# One step per epoch: Keras calls lr_at(epoch) before each epoch (epoch counts from 0).",
          "callback = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr_at(epoch))",
        ]
      : [PER_ITERATION, "# One step per iteration: the callback sets lr_at(iteration) before every batch.", "callback = PerIterationSchedule()"];
  return [
    pyScheduleFunction(def, "lr_at", "math"),
    ...momentum,
    ...usage,
    `optimizer = keras.optimizers.SGD(learning_rate=${f(start || 0.01)})  # the callback overrides this rate`,
    "# model.compile(optimizer=optimizer, loss=...)\n# model.fit(x, y, epochs=..., callbacks=[callback])",
  ];
}

function adaptiveSnippet(def: Extract<ResolvedDefinition, { kind: "plateau" | "autoDecay" }>): string[] {
  const [cls, ctor] =
    def.kind === "plateau"
      ? [PY_PLATEAU_CLASS, `Plateau(${pyPlateauArgs(def)})`]
      : [PY_AUTODECAY_CLASS, `AutoDecay(${pyAutoDecayArgs(def)})`];
  const hook = def.unit === "epoch" ? "on_epoch_end(self, epoch, logs=None)" : "on_train_batch_end(self, batch, logs=None)";
  const note =
    def.unit === "epoch"
      ? '# logs["loss"] at epoch end is the epoch\'s mean training loss, the observation the spec reads.'
      : '# Keras 3 reports a running mean in the batch logs; log the batch loss yourself to feed\n# exactly one observation per iteration.';
  return [
    cls,
    [
      "class AdaptiveSchedule(keras.callbacks.Callback):",
      "    def __init__(self, controller):",
      "        super().__init__()",
      "        self.controller = controller",
      "",
      "    def on_train_begin(self, logs=None):",
      "        self.model.optimizer.learning_rate.assign(self.controller.lr)",
      "",
      `    def ${hook}:`,
      '        if self.controller.step(float(logs["loss"])) == "terminate":',
      "            self.model.stop_training = True",
      "        self.model.optimizer.learning_rate.assign(self.controller.lr)",
    ].join("\n"),
    note,
    `callback = AdaptiveSchedule(${ctor})`,
    `optimizer = keras.optimizers.SGD(learning_rate=${f(def.lr)})`,
    "# model.compile(optimizer=optimizer, loss=...)\n# model.fit(x, y, epochs=..., callbacks=[callback])",
  ];
}

export function exportKeras(def: ResolvedDefinition, resolvedFor?: string): string {
  const body = def.kind === "plateau" || def.kind === "autoDecay" ? adaptiveSnippet(def) : staticSnippet(def);
  const prelude = def.kind === "plateau" || def.kind === "autoDecay" ? "import keras" : `import keras\n${pyPrelude("math")}`;
  return [pyHeader(def, "Keras", resolvedFor), prelude, ...body].join("\n\n\n") + "\n";
}
