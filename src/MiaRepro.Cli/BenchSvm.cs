using MiaRepro.IO;
using System.Diagnostics;
using System.Text.Json;
using MiaRepro.Attacks.AttackModels;
using MiaRepro.Experiments;
using Spectre.Console;
using TorchSharp;

namespace MiaRepro.Cli;

/// <summary>
/// `miarepro bench svm`: fit time of RbfSvm (C = 1, γ = 0.1) on attack-like rows of 1000, 2000 and 4000 examples and of
/// a 5-fold SvmGridSearch over the default grid on 2000, side by side with scikit-learn's SVC / GridSearchCV on the
/// same rows (tools/reference/bench_svm.py, the system's python3-sklearn), as ratios. A benchmark, not a test:
/// numbers go to results/bench/svm.json.
/// </summary>
internal static class BenchSvm
{
    const double C = 1, Gamma = 0.1;
    const int Repeats = 3, GridRows = 2000, Seed = 20240611;
    static readonly int[] Sizes = [1000, 2000, 4000];

    public static int Run(MiaReproSettings settings)
    {
        // libsvm is single-threaded, so one torch thread unless told otherwise: the same footing, and on a small shared
        // machine torch's OpenMP threads mostly spin against the folds' own parallelism (measured 3× slower kernels).
        var threads = settings.Threads > 0 ? settings.Threads : 1;
        torch.set_num_threads(threads);
        var data = Path.Combine(Path.GetTempPath(), "miarepro-bench-svm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            var sets = Sizes.Select(n => ($"fit-{n}", AttackRows(n, Seed + n))).ToList();
            var grid = ($"grid-{GridRows}", AttackRows(GridRows, Seed));
            foreach (var (name, (x, y)) in sets.Append(grid)) Write(data, name, x, y);
            File.WriteAllText(Path.Combine(data, "manifest.json"), JsonSerializer.Serialize(new
            {
                c = C, gamma = Gamma, repeats = Repeats,
                fits = sets.Select(s => new { name = s.Item1, rows = s.Item2.X.Length, features = 10 }),
                grid = new { name = grid.Item1, rows = GridRows, features = 10, c = SvmGrid.Default.C, gamma = SvmGrid.Default.Gamma },
            }));

            RbfSvm.Fit(AttackRows(200, 1).X, AttackRows(200, 1).Y, C, Gamma);   // warm-up: torch, JIT
            var ours = new Dictionary<string, (double Ms, string Detail)>();
            foreach (var (name, (x, y)) in sets)
            {
                RbfSvm? model = null;
                var ms = Enumerable.Range(0, Repeats).Min(_ => Time(() => model = RbfSvm.Fit(x, y, C, Gamma)));
                ours[name] = (ms, $"{model!.SupportVectorCount} SV, {model.Iterations} iterations, train accuracy {model.Accuracy(x, y):F4}");
                AnsiConsole.MarkupLineInterpolated($"RbfSvm {name}: {ms:F0} ms ({ours[name].Detail})");
            }
            SvmGridSearchResult? search = null;
            var gridMs = Time(() => search = SvmGridSearch.Fit(grid.Item2.X, grid.Item2.Y));
            ours[grid.Item1] = (gridMs, $"best C={search!.BestC:G} γ={search.BestGamma:G}, mean CV accuracy {search.BestMeanAccuracy:F4}");
            AnsiConsole.MarkupLineInterpolated($"SvmGridSearch {grid.Item1}: {gridMs:F0} ms ({ours[grid.Item1].Detail})");

            var (sklearn, version) = Sklearn(settings.Root, data);
            if (sklearn is null) AnsiConsole.MarkupLineInterpolated($"scikit-learn: not measured ({version})");
            var rows = ours.Select(o =>
            {
                var theirs = sklearn?.GetProperty(o.Key);
                var theirMs = theirs?.GetProperty("ms").GetDouble();
                var ratio = theirMs is null ? (double?)null : Math.Round(o.Value.Ms / theirMs.Value, 3);
                if (theirMs is not null)
                    AnsiConsole.MarkupLineInterpolated($"{o.Key}: RbfSvm {o.Value.Ms:F0} ms vs scikit-learn {version} {theirMs:F0} ms → ratio {ratio:F2}");
                return new
                {
                    name = o.Key, rbfSvmMs = Math.Round(o.Value.Ms, 1), rbfSvm = o.Value.Detail,
                    sklearnMs = theirMs is null ? (double?)null : Math.Round(theirMs.Value, 1),
                    sklearn = theirs, ratio,
                };
            }).ToList();
            var result = new
            {
                benchmark = $"RBF SVM fit time on attack-like rows (sorted softmax posteriors of 10 classes, members' logits spread 3.0, non-members' 2.2, half each), C={C:G} γ={Gamma:G}, tol 1e-3; min of {Repeats} fits; grid: 5-fold stratified CV over {SvmGrid.Default} plus the refit, once. RbfSvm: torch float64 kernel ({threads} threads), SMO in C#, folds {Environment.ProcessorCount} at a time; scikit-learn: libsvm, single-threaded, GridSearchCV n_jobs=None",
                threads, sklearnVersion = version, ratioMeaning = "RbfSvm ms / scikit-learn ms (below 1: RbfSvm faster)",
                results = rows,
                run = RunInfo.Capture(settings, "cpu", [0], TimeSpan.Zero, 0, 0),
            };
            var path = Path.Combine(settings.Results, "bench", "svm.json");
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, JsonFormat.Indented));
            AnsiConsole.MarkupLineInterpolated($"→ {path}");
            return 0;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Sorted softmax posteriors of 10 classes: members peaked (logit spread 3.0), non-members flatter (2.2), alternating.</summary>
    static (double[][] X, int[] Y) AttackRows(int n, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new double[n][];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i % 2;
            var spread = y[i] == 1 ? 3.0 : 2.2;
            var logits = Enumerable.Range(0, 10).Select(_ => spread * Normal()).ToArray();
            var max = logits.Max();
            var p = logits.Select(z => Math.Exp(z - max)).ToArray();
            var sum = p.Sum();
            x[i] = p.Select(v => v / sum).OrderDescending().ToArray();
        }
        return (x, y);
    }

    static void Write(string folder, string name, double[][] x, int[] y)
    {
        using (var w = new BinaryWriter(File.Create(Path.Combine(folder, name + ".x.f64"))))
            foreach (var row in x) foreach (var v in row) w.Write(v);
        using (var w = new BinaryWriter(File.Create(Path.Combine(folder, name + ".y.i32"))))
            foreach (var label in y) w.Write(label);
    }

    static (JsonElement? Results, string Version) Sklearn(string root, string data)
    {
        var script = Path.Combine(root, "tools", "reference", "bench_svm.py");
        try
        {
            using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"\"{script}\" --data \"{data}\"")
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var errorTask = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) return (null, $"python3 failed: {errorTask.Result.Trim().Split('\n').LastOrDefault()} (apt-get install python3-sklearn)");
            var json = JsonDocument.Parse(output).RootElement.Clone();
            return (json.GetProperty("results"), json.GetProperty("sklearn").GetString() ?? "?");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"/usr/bin/python3 not found ({e.Message})");
        }
    }
}
