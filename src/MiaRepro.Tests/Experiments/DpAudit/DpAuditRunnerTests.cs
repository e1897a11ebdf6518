using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.Experiments.DpAudit;
using MiaRepro.Models;
using MiaRepro.Training.DpSgd;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.DpAudit;

/// <summary>A black-box audit end to end on a tiny MNIST split: one-run with out-of-distribution canaries, and a many-run
/// audit of one such canary scored by the loss and by LiRA; what the plan counts is what the run trains, and a rerun
/// trains nothing and gives the same bounds.</summary>
[TestFixture, NonParallelizable]
public sealed class DpAuditRunnerTests
{
    static ExperimentSpec Spec() => new()
    {
        Paper = "test", Claim = "ood", Kind = "dp-audit", Dataset = "mnist", Seeds = [0], Variant = "ood",
        Split = new() { ["members"] = new SplitPart { From = "train", Size = 200 }, ["nonMembers"] = new SplitPart { From = "test", Size = 100 } },
        Model = new ModelSpec { Type = "Mlp", Hidden = [8] },
        Training = new() { Optimizer = "sgd", LearningRate = 0.5, BatchSize = 20, Epochs = 1, Preprocessing = new() { Kind = "scale01" },
            Dp = new DpSgdSpec { NoiseMultiplier = 1, ClipNorm = 1, Delta = 1e-5 } },
        Audit = new DpAuditSpec { Canary = DpAuditSpec.OutOfDistribution, Canaries = 20, Guesses = 5, ManyRuns = 24 },
    };

    [Test]
    public void OutOfDistributionCanaries_OneRunAndManyRunByLossAndLira_PlannedTrainedOnceAndRepeatable()
    {
        using var t = TestEnvironment.Temp();
        var settings = MiaReproSettings.Load(["--cache", t["cache"]]);
        var spec = Spec();
        new DpAuditKind().Validate(spec);
        var first = new DpAuditRunner(settings).Execute([spec]);

        Assert.That(first.Trained, Is.EqualTo(1 + 24), "one audited run and 24 many-run trials");
        var planned = new DpAuditKind().Models([spec], name => DatasetLoader.Load(name, settings.Data));
        Assert.That(planned.Select(p => p.Job.Key()).Distinct().Count(), Is.EqualTo(first.Trained), "the plan counts what the run trains");

        var audit = first.Runs.Single().Audits.Single();
        Assert.That((audit.Attack, audit.Observe, audit.Guesses.Guesses), Is.EqualTo(("loss-threshold", "final-model", 10)));
        var loss = first.ManyRuns.Single(m => m.Attack == "loss-threshold");
        var lira = first.ManyRuns.Single(m => m.Attack == ManyRunLira.Name);
        Assert.That(loss.ByRuns.Select(r => r.Runs), Is.EqualTo(new[] { 4, 8, 12, 16, 20, 24 }));
        Assert.That(lira.ByRuns.Select(r => r.Runs), Is.EqualTo(new[] { 8, 12, 16, 20, 24 }), "LiRA needs 2 runs a side in the threshold half");
        Assert.That(first.ManyRuns.SelectMany(m => m.ByRuns).All(r => r.Bound.Epsilon >= 0 && double.IsFinite(r.Bound.Epsilon)), Is.True);

        var again = new DpAuditRunner(settings).Execute([spec]);
        Assert.That((again.Trained, again.Cached), Is.EqualTo((0, 25)));
        Assert.That(again.ManyRuns.SelectMany(m => m.ByRuns.Select(r => (m.Attack, r.Runs, r.Threshold, r.Bound.Epsilon))),
            Is.EqualTo(first.ManyRuns.SelectMany(m => m.ByRuns.Select(r => (m.Attack, r.Runs, r.Threshold, r.Bound.Epsilon)))));
    }
}
