using System.Globalization;
using System.Text;
using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.IO;
using MiaRepro.Metrics;
using MiaRepro.Plots;

namespace MiaRepro.Scoring;

/// <summary>
/// What `miarepro score` writes beside measurements.csv: every attack's ROC on log-log axes, LiRA online's TPR at low
/// FPR against the number of reference models, the φ of the most, a typical and the least vulnerable example under
/// their IN and OUT models, and report.md tying them together. Each file is written atomically.
/// </summary>
public static class ScoreFigures
{
    public const string Roc = "roc.png", TprVsReferences = "tpr-vs-references.png", Report = "report.md";

    /// <summary>Writes the figures and report.md into <paramref name="folder"/>; returns the files written.</summary>
    /// <param name="curves">Every attack's ROC, in the table's order.</param>
    /// <param name="lira">LiRA online's (global σ) scores, whose most and least vulnerable examples are drawn.</param>
    public static IReadOnlyList<string> Write(string folder, ScoreSet set, IReadOnlyList<(string Attack, RocCurve Curve)> curves, MembershipScores lira,
        int? referenceModels, Action<string>? progress)
    {
        var files = new List<string>();
        void Save(Figure figure, string name)
        {
            PlotWriter.SavePng(figure, Path.Combine(folder, name));
            files.Add(name);
        }
        var shape = $"{set.Models} models × {set.Examples} examples";
        progress?.Invoke("figures: ROC");
        Save(MembershipFigures.ThinnedRoc($"every attack, {shape}, leave-one-model-out", curves), Roc);

        if (referenceModels is null)
        {
            progress?.Invoke("figures: LiRA online at k = 4, 8, … references");
            var points = ManyModelAttacks.LiraOnlineByReferences(set).Select(p => (p.K, Roc: RocCurve.From(p.Scores))).ToList();
            if (points.Count > 0)
                Save(new Figure($"LiRA online (global σ): TPR at low FPR vs reference models ({shape})", "reference models per example (k)", "TPR (%)",
                    [.. MembershipReportOptions.MeasuredFprs.Where(f => f > 0).Select(f =>
                        new Series($"at {100 * f:G}% FPR", points.Select(p => (double)p.K).ToArray(), points.Select(p => 100 * p.Roc.TprAtFpr(f)).ToArray()))]), TprVsReferences);
        }

        progress?.Invoke("figures: per-example φ");
        var detection = PerExampleDetection.From(lira, set.Models, set.Examples, MembershipReportOptions.MeasuredFprs.Where(f => f > 0).Min());
        foreach (var d in ExampleDistribution.Choose(set, lira, detection, Enumerable.Range(0, set.Examples).Select(n => (long)n).ToArray()))
            Save(PhiDistributionFigure.Of(d, "pool"), $"phi-distribution-{d.Label.Replace(' ', '-')}.png");

        AtomicFile.WriteAllText(Path.Combine(folder, Report), ReportText(set, curves, referenceModels, files));
        files.Add(Report);
        return files;
    }

    static string ReportText(ScoreSet set, IReadOnlyList<(string Attack, RocCurve Curve)> curves, int? referenceModels, IReadOnlyList<string> figures)
    {
        var fprs = MembershipReportOptions.MeasuredFprs.Where(f => f > 0).ToArray();
        var text = new StringBuilder();
        string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
        text.Append($"# miarepro score: {set.Source}\n\n");
        text.Append($"{set.Models} models × {set.Examples} examples × {set.Augmentations} queries × {set.Classes} classes. Each model in turn is the target; ")
            .Append(referenceModels is { } k
                ? $"each example is scored with {k} reference models (online {k / 2} IN and {k / 2} OUT, offline {k} OUT).\n\n"
                : $"each example is scored with the same number of IN and OUT references, as many as every target can supply (at most {ReferenceSides.Largest(set, online: true) / 2} a side), so the counts never carry the target's membership.\n\n");
        text.Append($"| attack | AUC % | {string.Join(" | ", fprs.Select(f => $"TPR % at {100 * f:G}% FPR"))} |\n|---|---|{string.Concat(fprs.Select(_ => "---|"))}\n");
        foreach (var (attack, curve) in curves)
            text.Append($"| {attack} | {F(100 * curve.Auc)} | {string.Join(" | ", fprs.Select(f => F(100 * curve.TprAtFpr(f))))} |\n");
        text.Append("\nTPR at an FPR is the highest TPR at an FPR of at most that value. Figures: ")
            .Append(string.Join(", ", figures.Select(f => $"[{f}]({f})"))).Append(". Numbers: [measurements.csv](measurements.csv).\n");
        return text.ToString();
    }
}
