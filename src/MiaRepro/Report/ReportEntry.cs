using MiaRepro.Training;
using System.Text.Json;
using MiaRepro.Checks;
using MiaRepro.Experiments;
using MiaRepro.IO;

namespace MiaRepro.Report;

/// <summary>One result folder as the report reads it: its stored metrics and run record, and its outcome judged again by
/// today's checks on its stored measurements (the recorded outcome where the claim file cannot be loaded, with why).</summary>
public sealed record ReportEntry(string Profile, string Dir, string Rel, string Paper, string Claim, bool IsProbe, JsonElement Metrics, JsonElement Run,
    ClaimOutcome Outcome, string RecordedVerdict, string? RecheckError, string Extension, IReadOnlyList<string> ScaleDowns)
{
    /// <summary>Probes whose seeds joined the claim's table when it was judged (<see cref="ProbePool"/>).</summary>
    public IReadOnlyList<string> PooledProbes { get; init; } = [];

    /// <summary>The claim's kind (from its claim file, else run.json) and its own measurement table, for the report's tables.</summary>
    public string Kind { get; init; } = "";
    public IReadOnlyList<MiaRepro.Measurements.Measurement> Measurements { get; init; } = [];

    /// <summary>The folder of the run the claim read (its figures and measurements): runs/&lt;name&gt;/, or its own folder.</summary>
    public string RunDir { get; init; } = "";

    /// <summary>results/ for this entry (its folder is results/&lt;profile&gt;/&lt;rel…&gt;).</summary>
    public string Root => Dir[..^(Rel.Length + 1)];

    /// <summary>The claim's word: judged again today, or as recorded where it could not be.</summary>
    public string Verdict => RecheckError is null ? Outcome.Verdict : RecordedVerdict;

    /// <summary>An HTML anchor for the summary's links: profile, paper, claim and probe.</summary>
    public string Anchor => System.Text.RegularExpressions.Regex.Replace(Rel.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    /// <summary>Where the models were trained, in a few words for the summary: this run's and those of the probes whose
    /// seeds joined its verdict, since the pooled seeds' models are judged too.</summary>
    public string ModelsShort
    {
        get
        {
            var runs = PooledProbes.Select(p => Path.Combine(Dir + "-probes", p, "run.json")).Where(File.Exists)
                .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone()).Prepend(Run).ToList();
            var origins = runs.Select(ModelOriginText.Read).ToList();
            var unknown = origins.Count(o => o is null);
            if (unknown == origins.Count)
            {
                var beside = new[] { "GPU.md", "MODELS.md" }.FirstOrDefault(f => File.Exists(Path.Combine(Dir, f)) || File.Exists(Path.Combine(Path.GetDirectoryName(Dir)!, f)));
                return beside is null ? "not recorded" : $"not recorded (see {beside})";
            }
            var known = ModelOriginText.Short(origins.OfType<IReadOnlyList<ModelOrigin>>().SelectMany(o => o));
            return unknown == 0 ? known : $"{known}; {unknown} of {origins.Count} runs not recorded";
        }
    }

    public static IReadOnlyList<ReportEntry> ReadAll(string resultsDir, string? experimentsDir)
    {
        var entries = new List<ReportEntry>();
        foreach (var profileDir in Directory.Exists(resultsDir) ? Directory.GetDirectories(resultsDir).Order(StringComparer.Ordinal).ToArray() : [])
        {
            var profile = Path.GetFileName(profileDir);
            var files = Directory.GetFiles(profileDir, "metrics.json", SearchOption.AllDirectories)
                .Where(f => !AtomicFile.IsStray(Path.GetRelativePath(resultsDir, f))).OrderBy(ResultsReport.ClaimFirst, StringComparer.Ordinal);
            foreach (var file in files) entries.Add(Read(resultsDir, experimentsDir, profile, Path.GetDirectoryName(file)!));
        }
        return entries;
    }

    /// <summary>Folders under the profile left by interrupted writes.</summary>
    public static IReadOnlyList<string> Strays(string resultsDir, string profile) =>
        Directory.GetFiles(Path.Combine(resultsDir, profile), "metrics.json", SearchOption.AllDirectories)
            .Where(f => AtomicFile.IsStray(Path.GetRelativePath(resultsDir, f)))
            .Select(f => Path.GetRelativePath(resultsDir, Path.GetDirectoryName(f)!).Replace('\\', '/')).ToList();

    static ReportEntry Read(string resultsDir, string? experimentsDir, string profile, string dir)
    {
        var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json"))).RootElement.Clone();
        var runFile = Path.Combine(dir, "run.json");
        var run = JsonDocument.Parse(File.Exists(runFile) ? File.ReadAllText(runFile) : "{}").RootElement.Clone();
        string S(string key) => metrics.TryGetProperty(key, out var v) ? v.ToString() : "?";
        var recorded = ResultsReport.Verdict(metrics);
        ClaimOutcome outcome;
        string? error = null;
        var (extension, scaleDowns, pooled) = ("", (IReadOnlyList<string>)[], (IReadOnlyList<string>)[]);
        StoredResult? judged = null;
        try
        {
            if (experimentsDir is null || !File.Exists(runFile)) throw new ExperimentException("no claim files or run record to judge it by");
            var stored = judged = StoredResult.Recheck(experimentsDir, dir);
            outcome = stored.Rechecked;
            (extension, scaleDowns, pooled) = (stored.Spec.Extension, stored.Spec.ScaleDowns, stored.PooledProbes);
        }
        catch (Exception e) when (e is ExperimentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // Judged as recorded, and the report says why it could not be judged again.
            error = $"not judged again: {e.Message}";
            var lines = metrics.TryGetProperty("outcome", out var o) && o.TryGetProperty("lines", out var l)
                ? l.Deserialize<List<CheckLine>>(JsonFormat.Indented) ?? [] : [];
            outcome = new(recorded.StartsWith("measured", StringComparison.Ordinal) ? "none" : "recorded", lines, "");
        }
        var rel = Path.GetRelativePath(resultsDir, dir).Replace('\\', '/');
        var isProbe = Path.GetFileName(Path.GetDirectoryName(dir)!).EndsWith("-probes", StringComparison.Ordinal);
        string runDir;
        try { runDir = RunFolders.Of(dir); }
        catch (ExperimentException) { runDir = dir; }   // the recheck above said why; the figures are not there either
        var table = Path.Combine(runDir, MiaRepro.Measurements.MeasurementTable.FileName);
        return new(profile, dir, rel, S("paper"), S("claim"), isProbe, metrics, run, outcome, recorded, error, extension, scaleDowns)
        {
            PooledProbes = pooled,
            RunDir = runDir,
            Kind = judged?.Spec.Kind ?? (run.TryGetProperty("kind", out var k) ? k.GetString() ?? "" : ""),
            // The tables show what the run measured, judged again or not.
            Measurements = judged?.Measurements ?? (File.Exists(table) ? MiaRepro.Measurements.MeasurementTable.Read(table).Rows : []),
        };
    }
}
