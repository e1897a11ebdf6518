using System.Globalization;
using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.Regression;

/// <summary>
/// Every many-model attack on committed outputs of the carlini2022 smoke set (the 8 LeNet-5s' logits on the 2,000-image
/// pool, plain and mirrored, with their keep mask: outputs/carlini2022-smoke, as the output store wrote them), every
/// number pinned: the 12 attacks of `score`, the named variants (every other model as references, plot.py's
/// definitions, RMIA as its authors' code scores it) and LiRA online at each k. No training, so the snapshot holds on any x86 CPU; a change to LiRA's σ, the
/// references, RMIA or a baseline shows as a diff. 9 significant digits, as the KDE regression pins.
/// </summary>
[TestFixture, Category("Regression")]
public sealed class ManyModelAttacksOnStoredOutputsTests
{
    [Test]
    public void CarliniSmokeOutputs_EveryAttackAndVariant_MatchSnapshot()
    {
        var set = ScoreSet.Load(Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro.Tests", "Regression", "outputs", "carlini2022-smoke"));
        Assert.That((set.Models, set.Examples, set.Augmentations, set.Classes), Is.EqualTo((8, 2000, 2, 10)), "the fixture is the smoke LiRA set");
        var phi = QueryValues.LogitScaled(set);
        var logP = QueryValues.TrueClassLogProbability(set);
        var rows = new List<string>();
        void Add(string name, MembershipScores scores)
        {
            var roc = RocCurve.From(scores);
            rows.Add($"{name} | AUC {G(roc.Auc)} | TPR@0.1% {G(roc.TprAtFpr(0.001))} | TPR@1% {G(roc.TprAtFpr(0.01))} | TPR<0.1% {G(roc.TprBelowFpr(0.001))}");
        }
        foreach (var a in ManyModelAttacks.Run(set))
        {
            Add(a.Label, a.Scores);   // the label, "lira-online global", as the snapshot has always named them
            if (a.FittedA is { } fitted) rows.Add($"{a.Label} | fitted a per target {string.Join(" ", fitted.Select(G))}");
        }
        foreach (var variance in new[] { LiraVariance.PerExample, LiraVariance.Global })
        {
            Add($"lira-online {variance} all-others", Lira.Online(set, phi, new LiraOptions(variance, Balance: ReferenceBalance.AllOthers)));
            Add($"lira-online {variance} plot.py", Lira.Online(set, phi, LiraOptions.PlotPy(variance)));
            Add($"lira-offline {variance} plot.py", Lira.Offline(set, phi, LiraOptions.PlotPy(variance)));
        }
        Add("rmia-online all-others", Rmia.Online(set, logP, new RmiaOptions(Balance: ReferenceBalance.AllOthers)));
        Add("rmia-online authors' code", RmiaAuthorsCode.Online(set));
        foreach (var (k, scores) in ManyModelAttacks.LiraOnlineByReferences(set)) Add($"lira-online global k={k}", scores);
        SnapshotFiles.Match(rows, "Regression_ManyModelAttacksOnCarliniSmokeOutputs");
    }

    static string G(double value) => value.ToString("G9", CultureInfo.InvariantCulture);
}
