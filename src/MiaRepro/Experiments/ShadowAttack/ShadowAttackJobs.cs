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

    /// <summary>
    /// Every model <see cref="ShadowAttackRunner.Run"/> trains for <paramref name="variants"/>, in its order, for a plan:
    /// per variant and seed the target (and its student under shadowAttack:distillation), then each shadow — trained on
    /// labels, or an l-Leaks student of the target — (and its student).
    /// </summary>
    public static IReadOnlyList<PlannedModel> Planned(IReadOnlyList<ExperimentSpec> variants, Func<string, Dataset> load)
    {
        var models = new List<PlannedModel>();
        foreach (var spec in variants)
        {
            var dataset = load(spec.Dataset);
            var split = SplitManifest.Create(dataset, spec.Split, spec.SplitSeed);
            var shadowSplit = spec.Shadows.WithoutClasses is { Length: > 0 } ? UnseenClasses.ShadowPools(split, dataset, spec.Shadows) : split;
            var members = split.Parts[Attacks.EvaluationDraw.MembersPart].Indices.Length;
            var distillation = spec.ShadowAttack.Distillation;
            foreach (var seed in spec.Seeds)
            {
                var target = Target(spec, dataset.Sha256, split, seed);
                models.Add(new(target, members));
                // The shadows' teacher is the target as attacked: the student when the target is distilled.
                var attacked = distillation is null ? target : Distillation.StudentJob(target, distillation.Temperature);
                if (distillation is not null) models.Add(new(attacked, members));
                foreach (var (draw, j) in ShadowDraw.Create(spec.Shadows, shadowSplit, seed).Select((d, j) => (d, j)))
                {
                    var shadow = Shadow(spec, dataset.Sha256, draw, seed, j);
                    var construction = spec.Shadows.Construction;
                    models.Add(new(construction is { Distilled: true } ? shadow with { Teacher = LLeaksShadow.Teacher(attacked.Key(), construction) } : shadow, draw.In.Length));
                    if (distillation is not null) models.Add(new(Distillation.StudentJob(shadow, distillation.Temperature), draw.In.Length));
                }
            }
        }
        return models;
    }

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
