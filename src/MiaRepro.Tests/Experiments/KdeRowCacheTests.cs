using MiaRepro.Experiments.KdeLeak;
using MiaRepro.Measurements;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>The KDE row cache serves its own format back and recomputes an entry of another, never misreading it.</summary>
public sealed class KdeRowCacheTests
{
    static readonly KdeLeakSpec Attack = new() { Losses = ["cross-entropy"], LeakPercents = [1], Trials = 2 };

    static KdeLeakRow Row(double accuracy)
    {
        var evaluation = new KdeEvaluation([new MetricStat("accuracy", Stat.Of([accuracy, accuracy]))], new MeanConfusion(1, 1, 1, 1));
        return KdeLeakRow.Of("v", 0, "cross-entropy", 1, evaluation, evaluation, [0.5, 0.5], [0.1, 0.1]);
    }

    [Test]
    public void GetOrRun_ItsOwnFormat_ComesBackByName_AnOldFormatEntryIsRecomputed()
    {
        using var temp = TestEnvironment.Temp();
        var cache = new KdeRowCache(temp.Path);
        var runs = 0;
        (IReadOnlyList<KdeLeakRow>, IReadOnlyList<KdeDensityCurve>) Run() { runs++; return ([Row(60 + runs)], []); }

        Assert.That(cache.GetOrRun("model", Attack, Run).FromCache, Is.False);
        var (rows, _, fromCache) = cache.GetOrRun("model", Attack, Run);
        Assert.That((fromCache, runs, rows[0].HeldOut["accuracy"].Mean, rows[0]["kl"].Mean), Is.EqualTo((true, 1, 61.0, 0.1)));

        // An entry as format 1 wrote it: typed fields per metric and no format. It parses into a row with no metrics,
        // so it must be recomputed, not served.
        var path = Directory.GetFiles(Path.Combine(temp.Path, "kde-rows")).Single();
        var stat = """{ "mean": 70, "std": 0, "values": [70, 70] }""";
        var evaluation = $$"""{ "accuracy": {{stat}}, "tpr": {{stat}}, "counts": { "truePositives": 1, "falseNegatives": 1, "falsePositives": 1, "trueNegatives": 1 } }""";
        File.WriteAllText(path, $$"""{ "rows": [ { "variant": "v", "lambda": 0, "loss": "cross-entropy", "leakPercent": 1, "heldOut": {{evaluation}}, "inSample": {{evaluation}}, "wasserstein": {{stat}}, "kl": {{stat}} } ], "densities": [] }""");
        (rows, _, fromCache) = cache.GetOrRun("model", Attack, Run);
        Assert.That((fromCache, runs, rows[0].HeldOut["accuracy"].Mean), Is.EqualTo((false, 2, 62.0)));
        Assert.That(cache.GetOrRun("model", Attack, Run).FromCache, Is.True, "the recomputed entry is stored in the new format");
    }
}
