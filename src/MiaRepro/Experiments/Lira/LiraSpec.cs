using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Outputs;

namespace MiaRepro.Experiments.Lira;

/// <summary>
/// lira: Carlini et al. 2022's many-model setup. M models, each trained on a random half of the split's "pool" part
/// (balanced: every pool example IN for exactly M/2 of them), queried on the whole pool under <see cref="Augmentations"/>,
/// attacked leave-one-model-out; <see cref="ReferenceCounts"/> reruns LiRA with k reference models per example (the
/// paper's "number of shadow models" axis). With training:dp each variant is a privacy budget (training:dp:epsilon, or
/// noiseMultiplier 0 for ε = ∞): the members train with DP-SGD at it, and the claim is a privacy–utility curve.
/// </summary>
public sealed class LiraSpec
{
    public const string PoolPart = "pool";

    /// <summary>M, the number of models; even, so every example can be IN for exactly half of them.</summary>
    public int Models { get; set; }

    /// <summary>Query views, the first "plain" (<see cref="QueryAugmentation"/>), e.g. ["plain", "mirror"] as the paper.
    /// Empty by default: the configuration binder appends a file's list to a non-empty default.</summary>
    public string[] Augmentations { get; set; } = [];

    /// <summary>k for the "TPR vs number of reference models" claim; the main run uses all M − 1.</summary>
    public int[] ReferenceCounts { get; set; } = [];

    /// <summary>Targets trained separately (each on a random half of the pool, never a reference model), scored with all
    /// M models as references beside the leave-one-model-out evaluation; 0: none. Even (their halves are balanced too).</summary>
    public int Targets { get; set; }

    /// <summary>Whether to rerun every attack on a keep mask shuffled per example (the control: every attack at chance).</summary>
    public bool ShuffledKeepControl { get; set; } = true;

    // Both left out of hashes and metrics.json at their defaults, so the runs made before them keep their folders.
    /// <summary>Mislabelled canaries planted in the pool (<see cref="Training.PoolCanaries"/>); 0: none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int Canaries { get; set; }

    /// <summary>An output defense on what every model releases (top-k, rounding, label-only): the attacks read the
    /// released vectors. Null: the logits as they are.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Defenses.DefenseSpec? Release { get; set; }

    /// <summary>Distillation as a training defense: every member is a student of its own teacher (the undefended member
    /// of its half) at the temperature given, and the attacks read the students. Null: the members as trained.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Training.DistillationSpec? Distillation { get; set; }

    public void Validate(ExperimentSpec spec)
    {
        if (!spec.Split.TryGetValue(PoolPart, out var pool))
            throw new ArgumentException($"split:{PoolPart} is missing: lira trains every model on a random half of the \"{PoolPart}\" part.");
        if (spec.Split.Count != 1)
            throw new ArgumentException($"split has {string.Join(", ", spec.Split.Keys)}: lira uses one part, \"{PoolPart}\" (the models' halves are drawn from it).");
        if (Models < 2)
            throw new ArgumentException($"lira:models is {Models}: leave-one-model-out needs at least 2 models (LiRA used 64–256; this project's smoke uses 8).");
        if (Models % 2 != 0)
            throw new ArgumentException($"lira:models is {Models}, odd: a balanced keep mask puts every example IN for exactly half of the models. Use an even count.");
        if (pool.Size < 2)
            throw new ArgumentException($"split:{PoolPart}:size is {pool.Size}: each model trains on half of the pool, so it needs at least 2 examples.");
        try { _ = QueryAugmentation.ParseList(Augmentations); }
        catch (ArgumentException e) { throw new ArgumentException($"lira:augmentations: {e.Message}", e); }
        foreach (var k in ReferenceCounts)
            // Online LiRA with k references takes k/2 IN and k/2 OUT per example; with balanced halves the other M − 1
            // models hold M/2 − 1 of one kind for every example, so k ≤ M − 2; and ≥ 4: a σ from one model a side is 0.
            if (k % 2 != 0 || k < 2 * ReferenceGaussians.MinimumPerSide || k > Models - 2)
                throw new ArgumentException($"lira:referenceCounts has {k}: with {Models} models online LiRA takes an even k from {2 * ReferenceGaussians.MinimumPerSide} to {Models - 2} " +
                    $"reference models per example (k/2 IN and k/2 OUT among the other {Models - 1}, of which only {Models / 2 - 1} are IN for some examples; " +
                    $"a σ fitted on one model a side is 0).");
        if (Targets < 0 || Targets % 2 != 0)
            throw new ArgumentException($"lira:targets is {Targets}: use 0 (leave-one-model-out only) or an even count (each example IN for half of the separate targets).");
        if (spec.Training.Dp is { } dp && dp.Epsilon is null && dp.NoiseMultiplier != 0)
            throw new ArgumentException($"training:dp:noiseMultiplier is {dp.NoiseMultiplier}: lira measures DP-SGD members by their privacy budget — set " +
                                        "training:dp:epsilon (σ is calibrated to it), or noiseMultiplier 0 for ε = ∞.");
        if (spec.Training.Dp is { IsFaulty: true } faulty)
            throw new ArgumentException($"training:dp:fault is \"{faulty.Fault}\": lira measures a correct DP-SGD (planted bugs are dp-audit's).");
        if (Canaries < 0 || Canaries > pool.Size)
            throw new ArgumentException($"lira:canaries is {Canaries}: plant from 0 to split:{PoolPart}:size = {pool.Size} mislabelled canaries.");
        if (Release is { } release)
        {
            release.Validate("lira:release");
            if (release.Name is not ("top-k" or "rounding" or "label-only"))
                throw new ArgumentException($"lira:release:name is \"{release.Name}\": a release is an output defense (top-k, rounding, label-only); " +
                                            "train L2 members with training:l2, distilled ones with lira:distillation.");
        }
        Distillation?.Validate("lira:distillation");
        if (new[] { Release is not null, spec.Training.Dp is not null, spec.Training.L2.Lambda > 0, Distillation is not null }.Count(set => set) > 1)
            throw new ArgumentException("lira:release, lira:distillation, training:dp and training:l2 set together: one defense per variant, so each row names the one it measures.");
        if (ReferenceCounts.Distinct().Count() != ReferenceCounts.Length)
            throw new ArgumentException($"lira:referenceCounts [{string.Join(", ", ReferenceCounts)}] repeats a count.");
    }

    /// <summary>Offline LiRA with k references takes k OUT models per example: 2 to M/2 − 1 with balanced halves.</summary>
    public bool OfflineSupports(int k) => k >= ReferenceGaussians.MinimumPerSide && k <= Models / 2 - 1;
}
