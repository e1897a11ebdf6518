using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Measurements;
using MiaRepro.Metrics;

namespace MiaRepro.Scoring;

/// <summary>
/// The core of `miarepro score --outputs DIR [--to OUTDIR]`: loads a <see cref="ScoreSet"/> made anywhere (PyTorch, JAX,
/// this project) — the flat keep/logits/labels set, or the LiRA reference code's experiment folders (<see cref="LiraCodeFolders"/>) — runs every many-model attack leave-one-model-out (<see cref="ManyModelAttacks"/>), reports each
/// through <see cref="MembershipReport"/> and writes the rows to OUTDIR/measurements.csv (atomically; OUTDIR defaults to
/// DIR), with the figures and report.md of <see cref="ScoreFigures"/>. Rows: paper "score", claim = DIR's folder name, one row per attack and metric (AUC and TPR at 0.1 % and 1 %
/// FPR, in %, and the member/non-member counts), and RMIA offline's fitted a (the mean over targets).
/// </summary>
public static class ScoreRun
{
    public const string Paper = "score";

    /// <summary>The report of each attack under its label (<see cref="AttackScores.Label"/>), in <see cref="ManyModelAttacks"/>' order, and the table written.</summary>
    /// <summary>... with the time from reading the outputs to measurements.csv (<paramref name="TableTime"/>) and that of
    /// the figures and report after it.</summary>
    public sealed record Result(ScoreSet Set, IReadOnlyList<(string Label, MembershipReport Report)> Reports, MeasurementTable Table, string CsvPath,
        IReadOnlyList<string> Files, TimeSpan TableTime, TimeSpan FiguresTime);

    /// <summary>No bootstrap: M·N scores make its interval narrow and slow; the TPRs are the measured FPRs.</summary>
    public static readonly MembershipReportOptions ReportOptions = new()
    {
        BootstrapResamples = 0,
        TargetFprs = MembershipReportOptions.MeasuredFprs,
    };

    /// <param name="progress">Told each stage as it starts (the CLI shows it).</param>
    public static Result Run(string outputs, string? to = null, int? referenceModels = null, Action<string>? progress = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        progress?.Invoke("reading the outputs");
        var set = LiraCodeFolders.Is(outputs) ? LiraCodeFolders.Load(outputs) : ScoreSet.Load(outputs);
        progress?.Invoke($"attacking {set.Models} targets × {set.Examples} examples{(set.PhiOnly ? " (φ only: LiRA and the φ threshold)" : "")}");
        var attacks = ManyModelAttacks.Run(set, referenceModels);
        progress?.Invoke("reports");
        var curves = attacks.AsParallel().AsOrdered().Select(a => RocCurve.From(a.Scores)).ToList();
        var reports = attacks.Zip(curves).AsParallel().AsOrdered().Select(p => (p.First.Label, MembershipReport.From(p.First.Scores, p.Second, ReportOptions))).ToList();
        var claim = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputs)));
        var target = $"{set.Models} models × {set.Examples} examples × {set.Augmentations} queries";
        var scope = new ClaimScope(Paper, claim);
        var table = new MeasurementTable();
        var setting = FacetValues.None.With(Facet.Targets, "leave-one-out").With(Facet.Keep, "real");
        var references = FacetValues.None.With(Facet.References, referenceModels is { } r ? Facet.Text(r) : "all");
        foreach (var (attack, (_, report)) in attacks.Zip(reports))
        {
            var facets = ManyModelFacets.Of(attack).With(setting).With(attack.UsesReferences ? references : FacetValues.None);
            Measurement Row(string metric, double value) => scope.Row("", null, target, attack.Attack, "none", metric, value, facets);
            table.Add(Row("auc", 100 * report.Auc));
            foreach (var point in report.TprAtFpr) table.Add(Row(MetricUnits.TprAtFpr(point.TargetFpr), 100 * point.Tpr));
            table.Add(Row("members", report.Members));
            table.Add(Row("non-members", report.NonMembers));
        }
        foreach (var a in attacks.Where(a => a.FittedA is not null))
        {
            table.Add(scope.Row("", null, target, a.Attack, "none", "fitted-a", a.FittedA!.Average(), ManyModelFacets.Of(a).With(setting).With(references)));
        }
        var folder = Directory.CreateDirectory(to ?? outputs).FullName;
        var csv = Path.Combine(folder, MeasurementTable.FileName);
        table.Write(csv);
        var tableTime = clock.Elapsed;
        var files = ScoreFigures.Write(folder, set, attacks.Select(a => a.Label).Zip(curves).ToList(), attacks.First(a => a.IsLiraOnlineGlobal).Scores, referenceModels, progress);
        return new(set, reports, table, csv, [MeasurementTable.FileName, .. files], tableTime, clock.Elapsed - tableTime);
    }
}
