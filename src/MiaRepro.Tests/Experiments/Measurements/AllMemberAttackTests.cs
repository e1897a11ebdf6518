using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

/// <summary>The label-independent control attack: its metrics by hand, and its rows beside every counted attack.</summary>
public sealed class AllMemberAttackTests
{
    static Measurement M(string variant, int seed, string attack, string metric, double value) =>
        new("p", "c", variant, seed, "t", attack, "none", metric, value, MetricUnits.Of(metric));

    [Test]
    public void Metrics_OnAnUnbalancedSet_AreWhatCallingEveryExampleAMemberGives()
    {
        // 300 members, 100 non-members: TP 300, FP 100, TN 0, FN 0.
        var m = AllMemberAttack.Metrics(300, 100).ToDictionary(x => x.Metric, x => x.Value);
        Assert.That(m["accuracy"], Is.EqualTo(75).Within(1e-12));
        Assert.That(m["precision"], Is.EqualTo(75).Within(1e-12));
        Assert.That(m["recall"], Is.EqualTo(100));
        Assert.That(m["balanced-accuracy"], Is.EqualTo(50).Within(1e-12));
        Assert.That(m["advantage"], Is.EqualTo(0).Within(1e-12));
        Assert.That(m["f1"], Is.EqualTo(2 * 0.75 / 1.75).Within(1e-12));
        Assert.That(m["auc"], Is.EqualTo(50).Within(1e-12), "one score for all: every pair is a tie");
        Assert.That(m["tpr@1%fpr"], Is.EqualTo(0), "no threshold separates anything below FPR 100 %");
    }

    [Test]
    public void Rows_OnePerCountedGroup_WithOnlyTheMetricsItsAttacksReport()
    {
        Measurement[] rows =
        [
            M("a", 0, "shadow-svm", "members", 50), M("a", 0, "shadow-svm", "non-members", 50), M("a", 0, "shadow-svm", "accuracy", 70),
            M("a", 0, "ccr", "members", 50), M("a", 0, "ccr", "non-members", 50), M("a", 0, "ccr", "accuracy", 60),
            M("a", 1, "shadow-svm", "accuracy", 71),   // seed 1 counted nothing: no control rows
            M("a", 0, "", "train-accuracy", 99),
        ];
        var added = AllMemberAttack.Rows(rows).ToList();
        Assert.That(added.Select(r => (r.Seed, r.Attack, r.Metric, r.Value)), Is.EquivalentTo(new (int?, string, string, double)[]
        {
            (0, "all-member", "members", 50), (0, "all-member", "non-members", 50), (0, "all-member", "accuracy", 50),
        }));
    }
}
