using MiaRepro.Models;

namespace MiaRepro.Training.Ensemble;

/// <summary>
/// How a set of members is trained. All give the same models (shown to 1e-5 by the equivalence tests); they differ in
/// speed, measured by `miarepro bench ensemble`: on a CPU, members side by side one thread each beat one multi-threaded
/// model at a time; on a GPU, K members as one grouped module fill the device.
/// </summary>
public enum EnsembleStrategy { OneAtATime, Parallel, Grouped }

public static class EnsembleStrategies
{
    /// <summary>MIAREPRO_ENGINE: auto (grouped on CUDA for LeNet-5 with Adam, else parallel on a multi-core CPU for
    /// LeNet-5 and the MLP, else one at a time), one-at-a-time, parallel or grouped. DP-SGD members (training:dp) train through the
    /// plain <see cref="Trainer"/> (one at a time or side by side), never grouped: the grouped module has no per-example path.</summary>
    public static EnsembleStrategy Choose(string setting, bool cuda, ModelSpec model, TrainingSpec training) => setting switch
    {
        "grouped" when training.Dp is not null =>
            throw new ArgumentException("MIAREPRO_ENGINE grouped does not train DP-SGD members (training:dp): use parallel or one-at-a-time."),
        "auto" when model.Type == "LeNet5" && training.Optimizer == "adam" && cuda && training.Dp is null => EnsembleStrategy.Grouped,
        // Parallel members share the process's RNG only while being built (under a lock), so only models without
        // random layers (LeNet-5, the MLP) train deterministically side by side; 48 DP-SGD MLP members of a
        // privacy-utility smoke run came out bit-identical to one at a time.
        "auto" when model.Type is "LeNet5" or "Mlp" && !cuda && Environment.ProcessorCount > 1 => EnsembleStrategy.Parallel,
        "auto" => EnsembleStrategy.OneAtATime,
        "one-at-a-time" => EnsembleStrategy.OneAtATime,
        "parallel" => EnsembleStrategy.Parallel,
        "grouped" when model.Type == "LeNet5" && training.Optimizer == "adam" => EnsembleStrategy.Grouped,
        "grouped" => throw new ArgumentException($"MIAREPRO_ENGINE grouped trains LeNet5 with Adam only, not {model} with {training.Optimizer}: use parallel or one-at-a-time."),
        _ => throw new ArgumentException($"MIAREPRO_ENGINE '{setting}' is unknown: use auto, one-at-a-time, parallel or grouped."),
    };
}
