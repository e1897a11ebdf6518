using MiaRepro.Data;
using MiaRepro.Training;

namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>
/// The training jobs of a shadow-attack run, in one place so that their keys (the model store's names) can be pinned by
/// a test: a new option such as shadows:construction must leave every existing target and label-trained shadow key as it was.
/// </summary>
public static class ShadowAttackJobs
{
    /// <summary>The target: trained on "members", tested on "nonMembers".</summary>
    public static TrainingJob Target(ExperimentSpec spec, string datasetSha256, SplitManifest split, int seed) => new()
    {
        DatasetSha256 = datasetSha256, SplitHash = split.Hash(), Members = Attacks.EvaluationDraw.MembersPart, NonMembers = Attacks.EvaluationDraw.NonMembersPart,
        Model = spec.Model, Training = spec.Training, Seed = seed,
    };

    /// <summary>Shadow <paramref name="j"/> of target seed <paramref name="seed"/>, trained on labels; keyed by its data, not the
    /// split, so every claim with the same shadows shares them. An l-Leaks shadow is this job with the target as teacher.</summary>
    public static TrainingJob Shadow(ExperimentSpec spec, string datasetSha256, ShadowDraw draw, int seed, int j) => new()
    {
        DatasetSha256 = datasetSha256, Members = TrainingJob.Examples(draw.InSource, draw.In), NonMembers = TrainingJob.Examples(draw.OutSource, draw.Out),
        Model = Model(spec), Training = Training(spec), Seed = ShadowSeed(seed, j),
    };

    /// <summary>The shadows' architecture: shadows:model when set (Table 4's ablation), else the target's.</summary>
    public static Models.ModelSpec Model(ExperimentSpec spec) => spec.Shadows.Model ?? spec.Model;

    public static int ShadowSeed(int seed, int j) => 1000 * (seed + 1) + j;

    /// <summary>The shadows' training: the target's, with shadows:epochs when set.</summary>
    public static TrainingSpec Training(ExperimentSpec spec)
    {
        if (spec.Shadows.Epochs == 0) return spec.Training;
        var training = spec.Training.Clone();
        training.Epochs = spec.Shadows.Epochs;
        return training;
    }
}
