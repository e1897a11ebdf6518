using MiaRepro.IO;
using System.Diagnostics;
using System.Text.Json;
using MiaRepro.Experiments.DefenseMatrix;
using MiaRepro.Experiments.KdeLeak;
using MiaRepro.Experiments.L2Sweep;
using MiaRepro.Experiments.Measurements;
using MiaRepro.Experiments.ShadowAttack;
using MiaRepro.Plots;
using MiaRepro.Runtime;

namespace MiaRepro.Experiments;

/// <summary>
/// Runs one claim end to end — train (cached) → measure → check → write results/&lt;profile&gt;/&lt;paper&gt;/&lt;claim&gt;/
/// (metrics.json, measurements.csv, run.json, split.json, plot-data.json, PNGs), replacing the folder atomically.
/// </summary>
public sealed class ClaimRunner(MiaReproSettings settings)
{
    public Action<string>? Log { get; init; }
    public Action<string, Training.EpochRecord>? OnEpoch { get; init; }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    // split.json and plot-data.json hold per-example arrays (50,000 indices, 5,000-point ROCs): one value per line made
    // a paper-profile plot-data.json 5.5 MB, so they are written compact; metrics.json and run.json stay readable.
    static readonly JsonSerializerOptions CompactJson = new(Json) { WriteIndented = false };

    public ClaimResult Run(string experimentPath)
    {
        var variants = ExperimentLoader.Load(experimentPath, settings.Profile, settings.Configuration);
        if (ExperimentLoader.VariantFilter(settings.Configuration) is not null && WritesIntoRepositoryResults(settings))
            throw new ExperimentException(
                $"Variants={settings.Configuration["VARIANTS"]} runs part of a claim, which would replace its full results in {settings.Results}. Give --results DIR outside the repository's results/.");
        var spec = variants[0];
        var clock = Stopwatch.StartNew();
        var commitAtStart = RunInfo.Head(settings.Root);   // the code that runs, even if HEAD moves during a long run
        if (spec.Kind == "shadow-attack") return RunShadowAttack(variants, clock, commitAtStart);
        if (spec.Kind == "defense-matrix") return RunDefenseMatrix(variants, clock, commitAtStart);
        var attackRows = new List<KdeLeakRow>();
        var densities = new List<KdeDensityCurve>();
        var runner = new L2SweepRunner(settings)
        {
            Log = Log, OnEpoch = OnEpoch,
            OnCell = c => Log?.Invoke($"{spec.Claim}: {c.Variant} λ={c.Lambda:G} seed {c.Seed}: train {c.TrainAccuracy:F2}% test {c.TestAccuracy:F2}%{(c.FromCache ? " (cached)" : "")}"),
            OnLogits = spec.Kind != "kde-leak" ? null : (cell, members, nonMembers) =>
            {
                var variantSpec = variants.First(v => v.Variant == cell.Variant);
                var (kdeRows, kdeDensities, cachedRows) = new KdeRowCache(settings.Cache).GetOrRun(cell.ModelKey, variantSpec.Attack,
                    () => KdeLeakRunner.Attack(variantSpec.Attack, cell, members, nonMembers));
                attackRows.AddRange(kdeRows.Select(r => r with { Seeds = [cell.Seed] }));
                // Density figures show one target: the first seed's.
                if (cell.Seed == variantSpec.Seeds[0]) densities.AddRange(kdeDensities);
                Log?.Invoke($"{spec.Claim}: KDE attack on {cell.Variant} λ={cell.Lambda:G} seed {cell.Seed} done{(cachedRows ? " (cached rows)" : "")}");
            },
        };
        var (cells, split) = runner.Run(variants);
        var rows = L2SweepRunner.Summarize(cells);
        ClaimOutcome outcome;
        List<Figure> figures;
        List<string> plotNames;
        // Checks, figures and metrics.json's attackRows read each setting over all target seeds' trials.
        attackRows = KdeLeakRow.Pool(attackRows).ToList();
        if (spec.Kind == "kde-leak")
        {
            outcome = KdeLeakChecks.Evaluate(spec, attackRows);
            figures =
            [
                KdeLeakFigures.VsLeak(attackRows, "KDE attack: held-out accuracy vs leak", "accuracy (%)", r => r.HeldOutAccuracy.Mean),
                KdeLeakFigures.VsLeak(attackRows, "KDE attack: held-out FPR vs leak", "FPR (%)", r => r.HeldOutFpr.Mean),
                KdeLeakFigures.VsLeak(attackRows, "KDE attack: held-out TPR vs leak", "TPR (%)", r => r.HeldOutTpr.Mean),
                KdeLeakFigures.VsLeak(attackRows, "Wasserstein-1, known-member vs private losses", "W1", r => r.Wasserstein.Mean),
            ];
            plotNames = ["accuracy-vs-leak.png", "fpr-vs-leak.png", "tpr-vs-leak.png", "wasserstein-vs-leak.png"];
            foreach (var (figure, name) in KdeLeakFigures.Densities(densities, "cross-entropy"))
            {
                figures.Add(figure);
                plotNames.Add(name);
            }
        }
        else
        {
            outcome = L2SweepChecks.Evaluate(spec, rows);
            figures = variants.Select(v => L2SweepFigures.AccuracyVsEpoch(v.Variant, cells)).Append(L2SweepFigures.GapVsLambda(rows)).ToList();
            plotNames = variants.Select(v => $"accuracy-vs-epoch-{v.Variant}.png").Append("gap-vs-lambda.png").ToList();
        }
        var run = Info(spec, clock, cells.Count(c => !c.FromCache), cells.Count(c => c.FromCache), commitAtStart);
        var metrics = new
        {
            spec.Paper, spec.Claim, spec.TestName, spec.Title, spec.Source, spec.Profile,
            variants = variants.Select(v => new { name = v.Variant, model = v.Model.ToString(), preprocessing = v.Training.Preprocessing.ToString(),
                l2Mode = v.Training.L2.Mode, v.Training.Shuffle, v.Training.TrainAccuracy, v.Training.Epochs, v.Training.BatchSize }),
            split = split.Parts.ToDictionary(p => p.Key, p => new { p.Value.From, size = p.Value.Indices.Length }),
            rows, attack = spec.Kind == "kde-leak" ? spec.Attack : null, attackRows,
            attackSeedMeans = spec.Seeds.Length > 1 ? attackRows.Select(r => new { r.Variant, r.Lambda, r.Loss, r.LeakPercent, r.Seeds,
                heldOutAccuracy = r.SeedMeans("accuracy"), heldOutTpr = r.SeedMeans("tpr"), heldOutFpr = r.SeedMeans("fpr") }) : null,
            check = spec.Check, outcome = new { outcome.Verdict, outcome.Passed, outcome.Lines }, spec.PaperValues, spec.Notes,
            perSeed = cells.Select(c => new { c.Variant, c.Lambda, c.Seed, c.TrainAccuracy, c.TestAccuracy }),
        };
        var confusions = KdeLeakFigures.Confusions(attackRows, "cross-entropy").ToList();
        var (dir, splitJson) = Write(spec, metrics, run, split, figures, plotNames, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "history.json"), JsonSerializer.Serialize(cells.Select(c => new { c.Variant, c.Lambda, c.Seed, c.History }), Json));
            foreach (var c in confusions)
                HeatmapWriter.SavePng(Path.Combine(staging, c.Name), c.Title, ["member", "non-member"], ["member", "non-member"], c.Shares, "0.0", "predicted", "true (cells: % of all)", 680, 480);
        });
        plotNames.AddRange(confusions.Select(c => c.Name));
        return new(spec, outcome, rows, attackRows, figures, dir, plotNames.Select(p => Path.Combine(dir, p)).ToList(), run, ClaimDigest.Of(outcome, splitJson, run));
    }

    /// <summary>Whether results go to the repository's results/ or a folder in it (not merely a sibling such as results-probe/).</summary>
    internal static bool WritesIntoRepositoryResults(MiaReproSettings settings)
    {
        var relative = Path.GetRelativePath(Path.Combine(settings.Root, "results"), settings.Results);
        return relative == "." || !(relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

    RunInfo Info(ExperimentSpec spec, Stopwatch clock, int trained, int cached, (string Sha, bool Dirty) commitAtStart) =>
        RunInfo.Capture(settings, TorchRuntime.ResolveDevice(settings.Device).ToString(), spec.Seeds, clock.Elapsed, trained, cached, commitAtStart);

    /// <summary>Replaces results/&lt;profile&gt;/&lt;paper&gt;/&lt;claim&gt;/ atomically with metrics.json, run.json, split.json,
    /// plot-data.json, the figures' PNGs and whatever <paramref name="extra"/> adds; returns the folder and split.json's
    /// text (the snapshot digest hashes it).</summary>
    (string Dir, string SplitJson) Write(ExperimentSpec spec, object metrics, RunInfo run, object split, IReadOnlyList<Figure> figures, IReadOnlyList<string> plotNames,
        Action<string>? extra = null)
    {
        var dir = Path.Combine(settings.Results, settings.Profile, spec.Paper, spec.Claim);
        var splitJson = JsonSerializer.Serialize(split, CompactJson);
        AtomicFile.ReplaceDirectory(dir, staging =>
        {
            var metricsJson = JsonSerializer.Serialize(metrics, Json);
            File.WriteAllText(Path.Combine(staging, "metrics.json"), metricsJson);
            MeasurementFiles.WriteBeside(staging, metricsJson, spec.Seeds);   // read back from the JSON: the path stored results take
            File.WriteAllText(Path.Combine(staging, "run.json"), JsonSerializer.Serialize(run, Json));
            File.WriteAllText(Path.Combine(staging, "split.json"), splitJson);
            File.WriteAllText(Path.Combine(staging, "plot-data.json"), JsonSerializer.Serialize(figures, CompactJson));
            for (var i = 0; i < figures.Count; i++) PlotWriter.SavePng(figures[i], Path.Combine(staging, plotNames[i]));
            extra?.Invoke(staging);
        });
        return (dir, splitJson);
    }

    ClaimResult RunShadowAttack(IReadOnlyList<ExperimentSpec> variants, Stopwatch clock, (string Sha, bool Dirty) commitAtStart)
    {
        var spec = variants[0];
        var run = new ShadowAttackRunner(settings) { Log = Log, OnEpoch = OnEpoch }.Run(variants);
        var outcome = ShadowAttackChecks.Evaluate(spec, run.Targets, run.Rows, partial: ExperimentLoader.VariantFilter(settings.Configuration) is not null);
        var names = variants.Select(v => v.Variant).ToList();
        var figures = new List<Figure>();
        var plotNames = new List<string>();
        foreach (var v in names)
        {
            figures.Add(ShadowAttackFigures.Roc(v, run.Scores));
            plotNames.Add($"roc-{v}.png");
            foreach (var s in run.Scores.Where(s => s.Variant == v && s.Attack == "shadow"))
            {
                figures.Add(MembershipFigures.ScoreHistogram($"shadow-model attack scores, {v}", s.Scores));
                plotNames.Add($"scores-{v}.png");
                if (v != names[0]) continue;   // per class for the first variant only: ten plots per variant would swamp the folder
                foreach (var (c, figure) in ClassScoreHistograms.PerClass($"shadow-model attack scores, {v}", new(s.Scores, s.Classes)))
                {
                    figures.Add(figure);
                    plotNames.Add($"scores-{v}-class{c}.png");
                }
            }
        }
        if (names.Count > 1)
            foreach (var metric in new[] { "accuracy", "precision", "recall" })
            {
                figures.Add(ShadowAttackFigures.MetricVsVariant(metric, names, run.Targets, run.Rows));
                plotNames.Add($"{metric}-by-variant.png");
            }
        var summary = names.SelectMany(v => run.Rows.Where(r => r.Variant == v).Select(r => r.Attack).Distinct().Select(a => new
        {
            variant = v, attack = a,
            accuracy = ShadowAttackChecks.Measure(run.Targets, run.Rows, v, a, "accuracy"),
            precision = ShadowAttackChecks.Measure(run.Targets, run.Rows, v, a, "precision"),
            recall = ShadowAttackChecks.Measure(run.Targets, run.Rows, v, a, "recall"),
            auc = ShadowAttackChecks.Measure(run.Targets, run.Rows, v, a, "auc"),
            tprAt1PctFpr = ShadowAttackChecks.Measure(run.Targets, run.Rows, v, a, "tpr-at-1pct-fpr"),
        })).ToList();
        var targetSummary = names.Select(v => new
        {
            variant = v,
            train = ShadowAttackChecks.Measure(run.Targets, run.Rows, v, "", "target-train"),
            test = ShadowAttackChecks.Measure(run.Targets, run.Rows, v, "", "target-test"),
        }).ToList();
        var info = Info(spec, clock, run.Targets.Sum(t => t.ModelsTrained), run.Targets.Sum(t => t.ModelsCached), commitAtStart);
        var metrics = new
        {
            spec.Paper, spec.Claim, spec.TestName, spec.Title, spec.Source, spec.Profile,
            variants = variants.Select(v => new { name = v.Variant, v.Dataset, model = v.Model.ToString(), v.Training, v.Split, v.Shadows, v.ShadowAttack, v.Evaluation }),
            targets = targetSummary, attacks = summary,
            check = spec.Check, outcome = new { outcome.Verdict, outcome.Passed, outcome.Lines }, spec.PaperValues, spec.Notes,
            perSeed = new { targets = run.Targets, attacks = run.Rows }, pooledClasses = run.PooledClasses,
        };
        var (dir, splitJson) = Write(spec, metrics, info, run.Splits, figures, plotNames, staging =>
        {
            foreach (var s in run.Scores)
                ConfusionMatrixWriter.SavePng(ConfusionMatrixFigure.Membership($"{s.Attack} attack, {s.Variant} (seed {spec.Seeds[0]})", s.Decisions),
                    Path.Combine(staging, $"confusion-{s.Variant}-{s.Attack}.png"));
        });
        plotNames.AddRange(run.Scores.Select(s => $"confusion-{s.Variant}-{s.Attack}.png"));
        return new(spec, outcome, [], [], figures, dir, plotNames.Select(p => Path.Combine(dir, p)).ToList(), info, ClaimDigest.Of(outcome, splitJson, info));
    }

    ClaimResult RunDefenseMatrix(IReadOnlyList<ExperimentSpec> variants, Stopwatch clock, (string Sha, bool Dirty) commitAtStart)
    {
        var spec = variants[0];
        var run = new DefenseMatrixRunner(settings) { Log = Log, OnEpoch = OnEpoch }.Run(variants);
        var outcome = DefenseMatrixChecks.Evaluate(spec, run.Cells, run.Utility);
        var info = Info(spec, clock, run.Trained, run.Cached, commitAtStart);
        var heatmaps = new List<string>();
        var metrics = new
        {
            spec.Paper, spec.Claim, spec.TestName, spec.Title, spec.Source, spec.Profile,
            variants = variants.Select(v => new { name = v.Variant, model = v.Model.ToString(), v.Training, v.Split }),
            matrix = spec.DefenseMatrix, utility = run.Utility, cells = run.Cells,
            check = spec.Check, outcome = new { outcome.Verdict, outcome.Passed, outcome.Lines }, spec.Notes,
        };
        var (dir, splitJson) = Write(spec, metrics, info, run.Split, [], [], staging =>
        {
            foreach (var v in variants)
            foreach (var (metric, title) in new[] { ("advantage", "advantage TPR − FPR (%)"), ("tpr-at-1pct-fpr", "TPR at 1% FPR (%)") })
            {
                var rows = spec.DefenseMatrix.Defenses.Select(d => d.Label).ToList();
                var name = $"heatmap-{v.Variant}-{metric}.png";
                HeatmapWriter.SavePng(Path.Combine(staging, name), $"{v.Variant}: {title}, held-out, leak {spec.DefenseMatrix.LeakPercent:G}%",
                    rows.Select(d => $"{d} (test {run.Utility.First(u => u.Variant == v.Variant && u.Defense == d).TestAccuracy:F1}%)").ToList(),
                    spec.DefenseMatrix.Attacks,
                    rows.Select(d => spec.DefenseMatrix.Attacks.Select(a => run.Cells.First(c => c.Variant == v.Variant && c.Defense == d && c.Attack == a)
                        .Get(metric)?.Mean ?? double.NaN).ToArray()).ToArray(),
                    "0.0", "attack", "defense (utility: test accuracy)", 760, 520);
                heatmaps.Add(name);
            }
        });
        return new(spec, outcome, [], [], [], dir, heatmaps.Select(p => Path.Combine(dir, p)).ToList(), info, ClaimDigest.Of(outcome, splitJson, info));
    }
}
